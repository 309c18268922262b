package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedSet;
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
 *
 * <p>Its parts: {@code ProviderDiscovery} (the ServiceLoader pass and the broken-plugin records),
 * {@code UnregisteredProviders} (the scan for provider classes nobody registered, for "unknown
 * optimizer"), {@code PluginBlame} (whose code a failure came from); this class looks names up and
 * creates optimizers.
 */
public final class OptimizerRegistry {

    private static final System.Logger LOG = System.getLogger(Optimizers.class.getName());
    private static final Map<ClassLoader, OptimizerRegistry> DISCOVERED = new WeakHashMap<>();
    /** The package of steepest's own optimizers (the optim-plugins jar). */
    private static final String BUILT_IN_PACKAGE = "dev.steepest.optim.plugins.";

    private final ClassLoader loader;
    private final Map<String, List<ProviderEntry>> byName;
    private final List<String> problems;
    /** The names whose provider and jar were logged already: once per name, at the first create. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    /** Plugin classes (providers, and optimizers once created) by class name, to say whose code failed. */
    private final Map<String, ProviderEntry> classes;
    private final PluginBlame blame;

    private OptimizerRegistry(ClassLoader loader) {
        this.loader = loader;
        ProviderDiscovery found = new ProviderDiscovery(loader);
        this.byName = found.byName();
        this.problems = found.problems();
        this.classes = found.classes();
        this.blame = new PluginBlame(loader, classes);
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
        return entry(name, null).provider();
    }

    /** The same; {@code source} says where the name came from in messages, e.g. {@code "-Doptimizer"}. */
    public OptimizerProvider provider(String name, String source) {
        return entry(name, source).provider();
    }

    /** The provider's class and the jar or folder it came from. */
    public String origin(String name) {
        return entry(name, null).origin();
    }

    /** The one-line description its provider gave at discovery. */
    public String description(String name) {
        return entry(name, null).description();
    }

    /** The hyperparameters its provider declared at discovery. */
    public List<Hyperparameter> hyperparameters(String name) {
        return entry(name, null).hyperparameters();
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
        ProviderEntry e = entry(name, source);
        if (params == null) {
            throw new IllegalArgumentException(name + ": params is null; pass the tensors to optimize");
        }
        Options resolved = (options == null ? Options.empty() : options).resolve(name, e.hyperparameters());
        Optimizer optimizer;
        try {
            optimizer = e.provider().create(params, resolved);
        } catch (IllegalArgumentException refused) {   // the plugin's own check of the options or params
            throw refused;
        } catch (RuntimeException | LinkageError | StackOverflowError failed) {
            throw blame(failed).orElseGet(() -> e.failed("create() of " + e.provider().getClass().getName(), failed));
        }
        if (optimizer == null) {
            throw e.failed("create() of " + e.provider().getClass().getName(), new NullPointerException("create() returned null"));
        }
        classes.put(optimizer.getClass().getName(), e);
        if (announced.add(name)) {
            boolean builtIn = e.provider().getClass().getName().startsWith(BUILT_IN_PACKAGE);
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
        return blame.blame(failure);
    }

    private ProviderEntry entry(String name, String source) {
        String from = source == null ? "" : " (from " + source + ")";
        if (byName.isEmpty()) {
            throw new IllegalStateException("no optimizer plugins found on the classpath" + (name == null ? "" : " while looking for '" + name + "'")
                    + ": add steepest-optim-plugins (the built-in optimizers) or a plugin jar to the classpath"
                    + UnregisteredProviders.note(loader, classes.keySet()) + problemsNote());
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no optimizer chosen" + from + ". Available: " + String.join(", ", names()));
        }
        List<ProviderEntry> found = byName.get(name);
        if (found == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'" + from + ". Available: "
                    + String.join(", ", names()) + "." + Names.didYouMean(name, names())
                    + " Check the spelling, or put the jar that provides '" + name + "' on the classpath."
                    + UnregisteredProviders.note(loader, classes.keySet()) + problemsNote());
        }
        if (found.size() > 1) {
            throw new IllegalStateException(ProviderDiscovery.duplicateMessage(name, found));
        }
        return found.get(0);
    }

    private String problemsNote() {
        return problems.isEmpty() ? "" : " Note: " + problems.size() + " plugin problem(s): " + String.join("; ", problems);
    }
}
