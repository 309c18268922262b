package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class on two machines: {@code grade --shard 1/2} and {@code 2/2} over one folder, then
 * {@code grade merge}, give the scoreboard one run gives (all but the times); merge refuses a
 * shard of another grading, a missing or repeated shard, and a damaged row fails only itself.
 */
class GradeShardTest {
    @TempDir
    static Path work;
    static Path folder;
    static final String FILE = "grade-results.json";
    static final String[] SETTINGS = {"--timeout", "30", "--heap", "96", "--steps", "20", "--seeds", "2", "--batches", "2",
            "--reference", "sgd", "--jobs", "2"};

    private static Launch.Result grade(String out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("grade", folder.toString()));
        args.addAll(List.of(SETTINGS));
        args.addAll(List.of(more));
        args.addAll(List.of("--out", work.resolve(out).toString()));
        return Launch.inProcess(Map.of(), args.toArray(String[]::new));
    }

    private static Launch.Result merge(String out, String... shards) {
        String[] args = new String[shards.length + 4];
        args[0] = "grade";
        args[1] = "merge";
        for (int i = 0; i < shards.length; i++) args[2 + i] = work.resolve(shards[i]).resolve(FILE).toString();
        args[args.length - 2] = "--out";
        args[args.length - 1] = work.resolve(out).toString();
        return Launch.inProcess(Map.of(), args);
    }

    /** The Markdown table's rows without the time column. */
    private static List<String> table(String out) throws Exception {
        return Files.readString(work.resolve(out).resolve("grade.md")).lines().filter(l -> l.matches("\\| \\d+ .*"))
                .map(l -> l.replaceAll("\\| [0-9.]+ s \\|", "| |")).toList();
    }

    @BeforeAll
    static void gradeOnceAndInTwoShares() throws Exception {
        folder = Files.createDirectories(work.resolve("submissions"));
        for (String[] s : new String[][] {{"a.jar", "a", "p.sub_(g.mul(lr));"}, {"b.jar", "b", "p.add_(g.mul(lr));"},
                {"c.jar", "c", "p.sub_(g.mul(lr * 3));"}}) {
            Files.copy(PluginJars.fromSource(work, s[0], s[1] + ".Provider", PluginJars.plugin(s[1], "opt-" + s[1], true, "", s[2])),
                    folder.resolve(s[0]));
        }
        Files.writeString(folder.resolve("d.jar"), "not a jar");
        for (Launch.Result r : List.of(grade("one"), grade("shard1", "--shard", "1/2"), grade("shard2", "--shard", "2/2"))) {
            assertEquals(0, r.status(), r.out() + r.err());
        }
    }

    @Test
    void twoSharesMergedGiveTheScoreboardOfOneRun() throws Exception {
        Launch.Result merged = merge("merged", "shard1", "shard2");
        assertEquals(0, merged.status(), merged.out() + merged.err());
        assertTrue(merged.out().contains("grade merge: shards=2 rows=5 not_graded=1;"), merged.out());
        assertEquals(table("one"), table("merged"));
        assertEquals(5, table("merged").size());
        assertTrue(Files.size(work.resolve("merged/grade-race-rosenbrock.png")) > 0);
    }

    @Test
    void eachShareGradesEveryOtherFileAndOnlyTheFirstTheReferences() throws Exception {
        assertEquals(List.of("a.jar", "built-in (reference)", "c.jar"), submissions("shard1"));
        assertEquals(List.of("b.jar", "d.jar"), submissions("shard2"));
    }

    private static List<String> submissions(String out) throws Exception {
        return table(out).stream().map(l -> l.split(" \\| ")[1].replace("*", "")).sorted().toList();
    }

    @Test
    void mergeRefusesAnotherGradingAndAMissingOrRepeatedShard() throws Exception {
        Path other = Files.createDirectories(work.resolve("other"));   // shard 2 as if graded with --steps 21
        Files.writeString(other.resolve(FILE), Files.readString(work.resolve("shard2").resolve(FILE))
                .replace("\"steps\" : \"20\"", "\"steps\" : \"21\""));
        Launch.Result mixed = merge("mixed", "shard1", "other");
        assertEquals(2, mixed.status());
        assertTrue(mixed.err().contains("other/grade-results.json was graded with steps = 21, but ") && mixed.err().contains(
                "shard1/grade-results.json with steps = 20; merge only the shards of one grading (the same folder, options and grader)"),
                mixed.err());
        Launch.Result missing = merge("missing", "shard1");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("grade merge: shard 2/2 is missing; give the results of every shard"), missing.err());
        Launch.Result twice = merge("twice", "shard1", "shard1");
        assertTrue(twice.err().contains("grade merge: shard 1/2 is given twice"), twice.err());
    }

    @Test
    void aDamagedRowFailsOnlyItself() throws Exception {
        Path damaged = Files.createDirectories(work.resolve("damaged"));
        String text = Files.readString(work.resolve("shard2").resolve(FILE));
        Files.writeString(damaged.resolve(FILE), text.replaceFirst("\"digits\" : [0-9.eE-]+", "\"digits\" : 7.5"));
        Launch.Result merged = merge("merged-damaged", "shard1", "damaged");
        assertEquals(0, merged.status(), merged.out() + merged.err());
        String md = Files.readString(work.resolve("merged-damaged/grade.md"));
        assertTrue(md.contains("its results in grade-results.json do not check out \\(a value of 7.5 outside \\[0.0, 1.0\\]\\)")
                || md.contains("its results in grade-results.json do not check out (a value of 7.5 outside \\[0.0, 1.0\\])"), md);
        assertTrue(md.contains("| a.jar | opt-a |"), md);
    }
}
