package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The optimizer providers found by {@link ServiceLoader} through one class loader, by name.
 * {@link Optimizers} is the static façade over the registry of the current thread's class loader;
 * use this class directly to look through another class loader (a plugin folder, a test).
 *
 * <p>Providers are discovered once per class loader and kept; {@link #reload} discovers them
 * again (after a jar was added to a folder the loader reads). Each provider's name, description
 * and hyperparameters are read once, at discovery.
 *
 * <p>A provider that cannot be loaded or created, or whose {@code description()} or
 * {@code hyperparameters()} throws or returns null, is a broken plugin: it is recorded once in
 * {@link #problems()} with its cause and its jar, logged once, and every other provider still
 * works. Two providers with one name are never resolved by order: that name is left out of
 * {@link #names()}, and choosing it fails naming both classes and where each came from.
 */
public final class OptimizerRegistry {

    private static final System.Logger LOG = System.getLogger(Optimizers.class.getName());
    private static final String SERVICE_FILE = "META-INF/services/" + OptimizerProvider.class.getName();
    private static final Map<ClassLoader, OptimizerRegistry> DISCOVERED = new WeakHashMap<>();
    /** The package of steepest's own optimizers (the optim-plugins jar). */
    private static final String BUILT_IN_PACKAGE = "dev.steepest.optim.plugins.";

    /** A provider, what it declared at discovery, and where it came from. */
    private record Entry(OptimizerProvider provider, String description, List<Hyperparameter> hyperparameters, String location) {
        String origin() {
            return provider.getClass().getName() + " (" + location + ")";
        }

        OptimizerPluginException failed(String where, Throwable cause) {
            return new OptimizerPluginException(provider.name(), where, provider.getClass().getName(), location, cause);
        }
    }

    private final ClassLoader loader;
    private final Map<String, List<Entry>> byName = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    /** The names whose provider and jar were logged already: once per name, at the first create. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    /** Plugin classes (providers, and optimizers once created) by class name, to say whose code failed. */
    private final Map<String, Entry> classes = new ConcurrentHashMap<>();

    private OptimizerRegistry(ClassLoader loader) {
        this.loader = loader;
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
                Entry entry = new Entry(provider, description, hyperparameters, location);
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(entry);
                classes.put(className, entry);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {   // its constructor or metadata failed
                problems.add("optimizer provider " + className + " (" + location + ") could not be created: " + e + cause(e));
            }
        }
        for (Map.Entry<String, List<Entry>> e : byName.entrySet()) {
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

    /** The providers visible to {@code loader}, discovered on the first call for that loader and kept. */
    public static OptimizerRegistry of(ClassLoader loader) {
        synchronized (DISCOVERED) {
            return DISCOVERED.computeIfAbsent(loader, OptimizerRegistry::new);
        }
    }

    /** Discovers the providers visible to {@code loader} again (and logs their problems again). */
    public static OptimizerRegistry reload(ClassLoader loader) {
        OptimizerRegistry fresh = new OptimizerRegistry(loader);
        synchronized (DISCOVERED) {
            DISCOVERED.put(loader, fresh);
        }
        return fresh;
    }

    /** Every name that can be chosen (provided exactly once), sorted. */
    public SortedSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        byName.forEach((name, entries) -> {
            if (entries.size() == 1) names.add(name);
        });
        return Collections.unmodifiableSortedSet(names);
    }

    /**
     * One line per problem, each once: a provider that could not be loaded or created (with the
     * cause and its jar), and a name provided more than once (with both jars). Empty when all is well.
     */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The provider called {@code name}; throws with did-you-mean, the available names and what to do. */
    public OptimizerProvider provider(String name) {
        return entry(name, null).provider;
    }

    /** The same; {@code source} says where the name came from in messages, e.g. {@code "-Doptimizer"}. */
    public OptimizerProvider provider(String name, String source) {
        return entry(name, source).provider;
    }

    /** The provider's class and the jar or folder it came from. */
    public String origin(String name) {
        return entry(name, null).origin();
    }

    /** The one-line description its provider gave at discovery. */
    public String description(String name) {
        return entry(name, null).description;
    }

    /** The hyperparameters its provider declared at discovery. */
    public List<Hyperparameter> hyperparameters(String name) {
        return entry(name, null).hyperparameters;
    }

    /**
     * Creates the optimizer called {@code name} over {@code params}, after checking every option
     * against its hyperparameters. The first time a name is created, logs one line naming its
     * provider, the jar or folder it came from and its options: at INFO for a plugin (what its
     * author needs to see: that this jar, and not an older one, provided it), at DEBUG for
     * steepest's built-in optimizers.
     *
     * @throws IllegalArgumentException for an unknown name or a bad option (the user's input), or
     *     when the plugin's constructor refuses the options with an IllegalArgumentException
     * @throws OptimizerPluginException when the plugin's own code fails in any other way
     */
    public Optimizer create(String name, List<Tensor> params, Options options) {
        return create(name, params, options, null);
    }

    Optimizer create(String name, List<Tensor> params, Options options, String source) {
        Entry e = entry(name, source);
        if (params == null) {
            throw new IllegalArgumentException(name + ": params is null; pass the tensors to optimize");
        }
        Options resolved = (options == null ? Options.empty() : options).resolve(name, e.hyperparameters);
        Optimizer optimizer;
        try {
            optimizer = e.provider.create(params, resolved);
        } catch (IllegalArgumentException refused) {   // the plugin's own check of the options or params
            throw refused;
        } catch (RuntimeException | LinkageError | StackOverflowError failed) {
            throw blame(failed).orElseGet(() -> e.failed("create() of " + e.provider.getClass().getName(), failed));
        }
        if (optimizer == null) {
            throw e.failed("create() of " + e.provider.getClass().getName(), new NullPointerException("create() returned null"));
        }
        classes.put(optimizer.getClass().getName(), e);
        if (announced.add(name)) {
            boolean builtIn = e.provider.getClass().getName().startsWith(BUILT_IN_PACKAGE);
            LOG.log(builtIn ? System.Logger.Level.DEBUG : System.Logger.Level.INFO, () -> "optimizer " + name
                    + (builtIn ? " is built in: " : " comes from a plugin: ") + e.origin() + "; options " + resolved);
        }
        return optimizer;
    }

    /**
     * Whose code failed: the plugin whose provider or optimizer class (created through this
     * registry) appears in {@code failure}'s stack trace or its causes', as an exception that names
     * the plugin, the method and class that failed, its provider and its jar; empty when no
     * plugin's code was running.
     */
    public Optional<OptimizerPluginException> blame(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof OptimizerPluginException) {
                return Optional.of((OptimizerPluginException) t);
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                Entry e = owner(cls);
                if (e != null) {
                    String method = frame.getMethodName().equals("<init>") ? "the constructor" : frame.getMethodName() + "()";
                    return Optional.of(e.failed(method + " of " + cls, failure));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The plugin a class belongs to: a provider or optimizer class it made (or one nested in them);
     * else the one provider from the same jar or folder, or the provider named after the class
     * ({@code Adam} → {@code AdamProvider}) there. Null for classes that are no plugin's.
     */
    private Entry owner(String cls) {
        int nested = cls.indexOf('$');
        String outer = nested < 0 ? cls : cls.substring(0, nested);
        Entry known = classes.get(outer);
        if (known != null || cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("dev.steepest.optim.Optimizer")) {
            return known;
        }
        String location;
        try {
            Class<?> type = Class.forName(outer, false, loader);
            if (!Optimizer.class.isAssignableFrom(type) && !OptimizerProvider.class.isAssignableFrom(type)
                    && classes.values().stream().noneMatch(e -> e.provider.getClass().getPackageName().equals(type.getPackageName()))) {
                return null;
            }
            location = location(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        List<Entry> there = classes.values().stream().distinct().filter(e -> e.location.equals(location)).toList();
        if (there.size() == 1) {
            return there.get(0);
        }
        return there.stream().filter(e -> e.provider.getClass().getName().equals(outer + "Provider")).findFirst().orElse(null);
    }

    private Entry entry(String name, String source) {
        String from = source == null ? "" : " (from " + source + ")";
        if (byName.isEmpty()) {
            throw new IllegalStateException("no optimizer plugins found on the classpath" + (name == null ? "" : " while looking for '" + name + "'")
                    + ": add steepest-optim-plugins (the built-in optimizers) or a plugin jar to the classpath"
                    + unregisteredNote(name) + problemsNote());
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no optimizer chosen" + from + ". Available: " + String.join(", ", names()));
        }
        List<Entry> found = byName.get(name);
        if (found == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'" + from + ". Available: "
                    + String.join(", ", names()) + "." + Names.didYouMean(name, names())
                    + " Check the spelling, or put the jar that provides '" + name + "' on the classpath."
                    + unregisteredNote(name) + problemsNote());
        }
        if (found.size() > 1) {
            throw new IllegalStateException(duplicateMessage(name, found));
        }
        return found.get(0);
    }

    private static String duplicateMessage(String name, List<Entry> found) {
        List<String> origins = new ArrayList<>();
        for (Entry e : found) origins.add(e.origin());
        return "optimizer name '" + name + "' is provided " + found.size() + " times: "
                + String.join(" and ", origins) + ". Remove one of them from the classpath, or rename one plugin; "
                + "steepest does not pick the first one.";
    }

    /** Says which classes implement OptimizerProvider without being registered, and how to register them. */
    private String unregisteredNote(String name) {
        Set<String> registered = new HashSet<>(classes.keySet());
        registered.addAll(listed(loader));   // listed but broken: already in problems()
        List<UnregisteredProviders.Found> found = UnregisteredProviders.find(loader, registered);
        if (found.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (UnregisteredProviders.Found f : found) {
            lines.add(f.className() + " (" + f.location() + ")"
                    + (f.providedName() == null ? "" : ", whose name() is '" + f.providedName() + "'"));
        }
        return " Found " + (found.size() == 1 ? "a class that implements" : found.size() + " classes that implement")
                + " OptimizerProvider but " + (found.size() == 1 ? "is" : "are") + " not registered, so ServiceLoader cannot see "
                + (found.size() == 1 ? "it" : "them") + ": " + String.join("; ", lines)
                + ". Register a provider by annotating it with @AutoService(OptimizerProvider.class) (with the auto-service "
                + "annotation processor in the build), or by adding the file " + SERVICE_FILE
                + " to its jar with one line naming the class, e.g. " + found.get(0).className() + ".";
    }

    private String problemsNote() {
        return problems.isEmpty() ? "" : " Note: " + problems.size() + " plugin problem(s): " + String.join("; ", problems);
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
    private static Set<String> listed(ClassLoader loader) {
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
