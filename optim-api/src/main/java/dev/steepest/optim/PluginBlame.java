package dev.steepest.optim;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Says whose code failed: given a failure, the plugin whose classes are in its stack trace, so that a
 * program's one-line error names the plugin, the method and class that failed, and its jar, instead
 * of a stack trace a student cannot place. Reads the plugin classes the registry knows (providers
 * at discovery, optimizers as they are created).
 */
final class PluginBlame {
    private final ClassLoader loader;
    private final Map<String, ProviderEntry> classes;

    /**
     * @param loader the registry's class loader, to look up a class a failure names
     * @param classes the plugin classes by name (read as it grows)
     */
    PluginBlame(ClassLoader loader, Map<String, ProviderEntry> classes) {
        this.loader = loader;
        this.classes = classes;
    }

    /**
     * Whose code failed: the plugin whose provider or optimizer class (created through this
     * registry) appears in {@code failure}'s stack trace or its causes', as an exception that names
     * the plugin, the method and class that failed, its provider and its jar; empty when no
     * plugin's code was running.
     */
    Optional<OptimizerPluginException> blame(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof OptimizerPluginException) {
                return Optional.of((OptimizerPluginException) t);
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                ProviderEntry e = owner(cls);
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
    private ProviderEntry owner(String cls) {
        int nested = cls.indexOf('$');
        String outer = nested < 0 ? cls : cls.substring(0, nested);
        ProviderEntry known = classes.get(outer);
        if (known != null || cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("dev.steepest.optim.Optimizer")) {
            return known;
        }
        String location;
        try {
            Class<?> type = Class.forName(outer, false, loader);
            if (!Optimizer.class.isAssignableFrom(type) && !OptimizerProvider.class.isAssignableFrom(type)
                    && classes.values().stream().noneMatch(e -> e.provider().getClass().getPackageName().equals(type.getPackageName()))) {
                return null;
            }
            location = ProviderDiscovery.location(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        List<ProviderEntry> there = classes.values().stream().distinct().filter(e -> e.location().equals(location)).toList();
        if (there.size() == 1) {
            return there.get(0);
        }
        return there.stream().filter(e -> e.provider().getClass().getName().equals(outer + "Provider")).findFirst().orElse(null);
    }
}
