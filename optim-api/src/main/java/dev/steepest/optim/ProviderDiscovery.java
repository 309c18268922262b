package dev.steepest.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discovery, once per class loader: every provider {@link ServiceLoader} lists, with its name,
 * description and hyperparameters read once, by name; and the broken plugins, each recorded once
 * with its cause and its jar (a provider that cannot be loaded or created, whose metadata throws or
 * is null, or a name provided twice), each logged once as a warning.
 *
 * @param byName the providers by name (more than one for a name provided twice)
 * @param classes the provider classes by class name
 * @param problems one line per broken plugin
 */
record ProviderDiscovery(Map<String, List<ProviderEntry>> byName, Map<String, ProviderEntry> classes, List<String> problems) {
    private static final System.Logger LOG = System.getLogger(Optimizers.class.getName());
    /** The file that registers a provider in its jar. */
    static final String SERVICE_FILE = "META-INF/services/" + OptimizerProvider.class.getName();

    /** Discovers the providers visible to {@code loader}. */
    ProviderDiscovery(ClassLoader loader) {
        this(new TreeMap<>(), new ConcurrentHashMap<>(), new ArrayList<>());
        Iterator<ServiceLoader.Provider<OptimizerProvider>> it = ServiceLoader.load(OptimizerProvider.class, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<OptimizerProvider> candidate;
            try {
                if (!it.hasNext()) break;
                candidate = it.next();
            } catch (ServiceConfigurationError e) {   // listed class missing, not a provider, no public no-arg constructor
                problems.add(e.getMessage() + cause(e) + listedIn(loader, e.getMessage()));
                continue;
            }
            String className = candidate.type().getName();
            String location = location(candidate.type());
            try {
                OptimizerProvider provider = candidate.get();
                String name = provider.name();
                if (name == null || !name.matches("[a-z0-9-]{1,64}")) {
                    throw new IllegalStateException("its name() must be 1 to 64 characters of lower case [a-z0-9-], got "
                            + (name == null ? "null" : "'" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "' ("
                            + name.length() + " characters)"));
                }
                String description = require(provider.description(), "description()");
                List<Hyperparameter> hyperparameters = List.copyOf(require(provider.hyperparameters(), "hyperparameters()"));
                ProviderEntry entry = new ProviderEntry(provider, description, hyperparameters, location);
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(entry);
                classes.put(className, entry);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {   // its constructor or metadata failed
                problems.add("optimizer provider " + className + " (" + location + ") could not be created: " + e + cause(e));
            }
        }
        for (Map.Entry<String, List<ProviderEntry>> e : byName.entrySet()) {
            if (e.getValue().size() > 1) {
                problems.add(duplicateMessage(e.getKey(), e.getValue()) + " Every other optimizer still works.");
            }
        }
        for (String p : problems) {
            LOG.log(System.Logger.Level.WARNING, "skipping a broken optimizer plugin: " + p);
        }
    }

    private static <T> T require(T value, String method) {
        if (value == null) {
            throw new IllegalStateException("its " + method + " returned null");
        }
        return value;
    }

    /** @return why a name provided more than once cannot be chosen, naming each provider and its jar */
    static String duplicateMessage(String name, List<ProviderEntry> found) {
        List<String> origins = new ArrayList<>();
        for (ProviderEntry e : found) origins.add(e.origin());
        return "optimizer name '" + name + "' is provided " + found.size() + " times: "
                + String.join(" and ", origins) + ". Remove one of them from the classpath, or rename one plugin; "
                + "steepest does not pick the first one.";
    }

    /** The jar or folder a class was loaded from. */
    static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "unknown location" : source.getLocation().toString();
    }

    private static String cause(Throwable e) {
        Throwable c = e.getCause();
        return c == null ? "" : "; cause: " + c + cause(c);
    }

    /** Which services file lists the class named in a ServiceConfigurationError's message. */
    private static String listedIn(ClassLoader loader, String message) {
        for (Map.Entry<String, URL> listed : services(loader).entrySet()) {
            if (message != null && message.contains(listed.getKey())) {
                return " (listed in " + listed.getValue() + ")";
            }
        }
        return "";
    }

    /** Every class named in a services file visible to {@code loader}. */
    static Set<String> listed(ClassLoader loader) {
        return services(loader).keySet();
    }

    /** The classes named in the services files visible to {@code loader}, each with the file that names it. */
    private static Map<String, URL> services(ClassLoader loader) {
        Map<String, URL> classes = new TreeMap<>();
        try {
            Enumeration<URL> files = loader.getResources(SERVICE_FILE);
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        String cls = line.replaceAll("#.*", "").trim();
                        if (!cls.isEmpty()) classes.putIfAbsent(cls, url);
                    }
                }
            }
        } catch (IOException ignored) {
            // the listing is a hint only
        }
        return classes;
    }
}
