package dev.steepest.train.command;

import java.io.File;
import java.util.List;

/**
 * What a learner who started a program with {@code java -cp plugin.jar -jar steepest-examples.jar}
 * needs to hear: {@code -jar} takes the class path from the jar alone and ignores {@code -cp} and
 * {@code CLASSPATH}, so the plugin jar was never looked at.
 */
final class JarLaunch {
    private JarLaunch() {
    }

    /**
     * @return a sentence to add to "unknown optimizer" when this JVM was started with {@code -jar}
     *     and also given {@code -cp} (or {@code CLASSPATH}), saying that {@code -jar} ignored it and
     *     what to type instead; empty otherwise
     */
    static String classPathNote() {
        String jar = System.getProperty("java.class.path", "");
        boolean fromJar = jar.endsWith(".jar") && !jar.contains(File.pathSeparator)
                && System.getProperty("sun.java.command", "").startsWith(jar);
        if (!fromJar) {
            return "";
        }
        List<String> arguments = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        int jarAt = arguments.indexOf("-jar");
        String plugins = null;
        List<String> options = new java.util.ArrayList<>();          // the JVM options but -cp, in order
        for (int i = 0; i < Math.max(0, jarAt); i++) {
            if (List.of("-cp", "-classpath", "--class-path").contains(arguments.get(i)) && i + 1 < jarAt) {
                plugins = arguments.get(++i);
            } else {
                options.add(arguments.get(i));
            }
        }
        String what = "-cp " + plugins;
        if (plugins == null) {
            plugins = System.getenv("CLASSPATH");
            what = "CLASSPATH=" + plugins;
        }
        if (plugins == null || plugins.isBlank() || jarAt < 0 || jarAt + 1 >= arguments.size()) {
            return "";
        }
        String mainClass = mainClass(jar);
        if (mainClass == null) {
            return "";
        }
        List<String> command = new java.util.ArrayList<>(List.of("java"));
        command.addAll(options);
        command.addAll(List.of("-cp", arguments.get(jarAt + 1) + File.pathSeparator + plugins, mainClass));
        command.addAll(arguments.subList(Math.min(arguments.size(), jarAt + 2), arguments.size()));
        return " This program was started with -jar, which ignores -cp and CLASSPATH, so " + what + " was not used."
                + " Put the jars after -cp and name the launcher class instead of -jar: " + String.join(" ", command);
    }

    /** @return the Main-Class its manifest names, or null when the jar cannot be read */
    private static String mainClass(String jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar)) {
            java.util.jar.Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue(java.util.jar.Attributes.Name.MAIN_CLASS);
        } catch (java.io.IOException | SecurityException e) {
            return null;
        }
    }
}
