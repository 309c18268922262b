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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimizer providers found by {@link ServiceLoader} through one class loader, by name.
 * {@link Optimizers} is the static façade over the registry of the current thread's class loader;
 * use this class directly to look through another class loader (a plugin folder, a test).
 *
 * <p>A provider that cannot be loaded or created is recorded in {@link #problems()} with its
 * cause, and every other provider still works. Two providers with one name are never resolved by
 * order: creating that name fails and names both classes and where each came from.
 */
public final class OptimizerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(Optimizers.class);
    private static final String SERVICE_FILE = "META-INF/services/" + OptimizerProvider.class.getName();

    /** A provider and where it came from. */
    private static final class Entry {
        final OptimizerProvider provider;
        final String origin;

        Entry(OptimizerProvider provider, String origin) {
            this.provider = provider;
            this.origin = origin;
        }
    }

    private final Map<String, List<Entry>> byName = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    private OptimizerRegistry(ClassLoader loader) {
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
            try {
                OptimizerProvider provider = candidate.get();
                String name = provider.name();
                if (name == null || !name.matches("[a-z0-9-]+")) {
                    throw new IllegalStateException("its name() must be lower case [a-z0-9-]+, got '" + name + "'");
                }
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Entry(provider, className + " (" + location(candidate.type()) + ")"));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {   // its constructor or name() failed
                problems.add("optimizer provider " + className + " (" + location(candidate.type()) + ") could not be created: "
                        + e + cause(e));
            }
        }
        for (String p : problems) {
            LOG.warn("skipping a broken optimizer plugin: {}", p);
        }
    }

    /** The providers visible to {@code loader}. */
    public static OptimizerRegistry of(ClassLoader loader) {
        return new OptimizerRegistry(loader);
    }

    /** Every provided name, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    /** One line per provider that could not be loaded or created, with the cause (empty when all is well). */
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
        return entry(name, null).origin;
    }

    /**
     * Creates the optimizer called {@code name} over {@code params}, after checking every option
     * against its hyperparameters; logs one line naming it, its options and where it came from.
     */
    public Optimizer create(String name, List<Tensor> params, Options options) {
        return create(name, params, options, null);
    }

    Optimizer create(String name, List<Tensor> params, Options options, String source) {
        Entry e = entry(name, source);
        if (params == null) {
            throw new IllegalArgumentException(name + ": params is null; pass the tensors to optimize");
        }
        Options resolved = (options == null ? Options.empty() : options).resolve(name, e.provider.hyperparameters());
        Optimizer optimizer = e.provider.create(params, resolved);
        if (optimizer == null) {
            throw new IllegalStateException("optimizer provider " + e.origin + " returned null from create()");
        }
        LOG.info("optimizer {} {} from {}", name, resolved, e.origin);
        return optimizer;
    }

    private Entry entry(String name, String source) {
        String from = source == null ? "" : " (from " + source + ")";
        if (byName.isEmpty()) {
            throw new IllegalStateException("no optimizer plugins found on the classpath" + (name == null ? "" : " while looking for '" + name + "'")
                    + ": add steepest-optim-plugins (the built-in optimizers) or a plugin jar to the classpath" + problemsNote());
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no optimizer chosen" + from + ". Available: " + String.join(", ", byName.keySet()));
        }
        List<Entry> found = byName.get(name);
        if (found == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'" + from + ". Available: "
                    + String.join(", ", byName.keySet()) + "." + Names.didYouMean(name, byName.keySet())
                    + " Check the spelling, or put the jar that provides '" + name + "' on the classpath." + problemsNote());
        }
        if (found.size() > 1) {
            List<String> origins = new ArrayList<>();
            for (Entry e : found) origins.add(e.origin);
            throw new IllegalStateException("optimizer name '" + name + "' is provided " + found.size() + " times: "
                    + String.join(" and ", origins) + ". Remove one of them from the classpath, or rename one plugin; "
                    + "steepest does not pick the first one.");
        }
        return found.get(0);
    }

    private String problemsNote() {
        return problems.isEmpty() ? "" : " Note: " + problems.size() + " plugin(s) could not be loaded: " + String.join("; ", problems);
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
        try {
            Enumeration<URL> files = loader.getResources(SERVICE_FILE);
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        String cls = line.replaceAll("#.*", "").trim();
                        if (!cls.isEmpty() && message != null && message.contains(cls)) {
                            return " (listed in " + url + ")";
                        }
                    }
                }
            }
        } catch (IOException ignored) {
            // the listing is a hint only
        }
        return "";
    }
}
