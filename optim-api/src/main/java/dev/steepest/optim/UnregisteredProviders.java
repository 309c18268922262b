package dev.steepest.optim;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds classes that implement {@link OptimizerProvider} in the classpath's jars and folders but
 * are not registered in {@code META-INF/services}, so that "unknown optimizer" can say which
 * class was missed and how to register it. Used only when a name is not found: it reads every
 * class file on the classpath, keeps those that mention the interface, and loads them without
 * running their static initialisers.
 */
final class UnregisteredProviders {
    private static final byte[] INTERFACE = OptimizerProvider.class.getName().replace('.', '/').getBytes(StandardCharsets.UTF_8);

    private UnregisteredProviders() {
    }

    /** One provider class nobody registered: its name, where it is, and its name() if it could be read. */
    record Found(String className, String location, String providedName) {
    }

    /** @return the unregistered provider classes visible to {@code loader}, in classpath order */
    static List<Found> find(ClassLoader loader, Collection<String> registered) {
        List<Found> found = new ArrayList<>();
        for (Path root : roots(loader)) {
            for (String className : candidates(root)) {
                if (registered.contains(className)) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(className, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (OptimizerProvider.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                    found.add(new Found(className, root.toFile().toURI().toString(), nameOf(type)));
                }
            }
        }
        return found;
    }

    /** The provider's name(), or null if it cannot be created (no public no-argument constructor, or it throws). */
    private static String nameOf(Class<?> type) {
        try {
            return ((OptimizerProvider) type.getConstructor().newInstance()).name();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The jars and folders on {@code loader}'s classpath and its parents', and on java.class.path. */
    private static Set<Path> roots(ClassLoader loader) {
        Set<Path> roots = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader) {
                for (URL url : ((URLClassLoader) l).getURLs()) {
                    try {
                        if ("file".equals(url.getProtocol())) roots.add(Path.of(url.toURI()));
                    } catch (URISyntaxException | IllegalArgumentException ignored) {
                        // not a local file: nothing to read
                    }
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) roots.add(Path.of(entry).toAbsolutePath().normalize());
        }
        return roots;
    }

    /** The classes in a jar or folder whose bytes mention OptimizerProvider. */
    private static List<String> candidates(Path root) {
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                        if (mentions(Files.readAllBytes(file))) {
                            names.add(className(root.relativize(file).toString().replace(File.separatorChar, '/')));
                        }
                    }
                }
            } else if (Files.isRegularFile(root)) {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        JarEntry entry = e.nextElement();
                        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                if (mentions(in.readAllBytes())) names.add(className(entry.getName()));
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable jar or folder: it cannot hold a provider we could load either
        }
        return names;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    private static boolean mentions(byte[] bytes) {
        outer:
        for (int i = 0; i + INTERFACE.length <= bytes.length; i++) {
            for (int j = 0; j < INTERFACE.length; j++) {
                if (bytes[i + j] != INTERFACE[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    /**
     * @return the sentence "unknown optimizer" adds when classes implement OptimizerProvider without being
     *     registered: which, where, and how to register them; empty when there are none
     */
    static String note(ClassLoader loader, Set<String> registeredClasses) {
        Set<String> registered = new HashSet<>(registeredClasses);
        registered.addAll(ProviderDiscovery.listed(loader));   // listed but broken: already in problems()
        List<Found> found = find(loader, registered);
        if (found.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (Found f : found) {
            lines.add(f.className() + " (" + f.location() + ")"
                    + (f.providedName() == null ? "" : ", whose name() is '" + f.providedName() + "'"));
        }
        return " Found " + (found.size() == 1 ? "a class that implements" : found.size() + " classes that implement")
                + " OptimizerProvider but " + (found.size() == 1 ? "is" : "are") + " not registered, so ServiceLoader cannot see "
                + (found.size() == 1 ? "it" : "them") + ": " + String.join("; ", lines)
                + ". Register a provider by annotating it with @AutoService(OptimizerProvider.class) (with the auto-service "
                + "annotation processor in the build), or by adding the file " + ProviderDiscovery.SERVICE_FILE
                + " to its jar with one line naming the class, e.g. " + found.get(0).className() + ".";
    }
}
