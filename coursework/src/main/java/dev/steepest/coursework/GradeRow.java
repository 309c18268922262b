package dev.steepest.coursework;

import dev.steepest.coursework.tasks.RaceTask;
import dev.steepest.train.plot.RacePicture.Lap;
import dev.steepest.train.plot.RacePicture.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the scoreboard: one optimizer of one submission (or a built-in reference), what each
 * stage measured, and what went wrong in words a student understands. A submission that could not
 * be graded is one row with no optimizer, its reason, and grade zero.
 *
 * <p>The grade, out of 100: conformance 40 (the share of checks passed, skipped ones not
 * counted), the race 10 per track (a finite final loss below the start's), the pattern classifier
 * 20 (the share of seeds that end correct), digits 20 (the test accuracy). An exercise's row
 * (op, module, environment) is graded by the share of its checks passed, out of 100.
 */
final class GradeRow {
    final String submission;
    final String plugin;
    final boolean reference;
    /** The assignment kind of an exercise's row (op, module, environment); null for an optimizer's. */
    String assignment;
    Integer passed;
    Integer failed;
    Integer skipped;
    Double rosenbrock;
    Double rastrigin;
    Double patternShare;
    Double digits;
    double seconds;
    String ungraded;
    final List<String> problems = new ArrayList<>();
    final List<Lap> laps = new ArrayList<>();
    /** What the submission printed (bounded, never parsed), shown to the teacher. */
    final List<String> output = new ArrayList<>();

    GradeRow(String submission, String plugin, boolean reference) {
        this.submission = submission;
        this.plugin = plugin;
        this.reference = reference;
    }

    /** A submission that could not be graded, with the reason. */
    static GradeRow ungraded(String submission, String reason) {
        GradeRow row = new GradeRow(submission, "", false);
        row.ungraded = reason;
        return row;
    }

    /** @return the label a picture's legend gives this row */
    String label() {
        return reference ? plugin + " (reference)" : submission + ": " + plugin;
    }

    /** @return the points out of 100; zero for a submission that could not be graded */
    double grade() {
        if (ungraded != null) {
            return 0;
        }
        if (assignment != null) {
            return passed == null || passed + failed == 0 ? 0 : Math.round(1000.0 * passed / (passed + failed)) / 10.0;
        }
        double points = 0;
        if (passed != null && passed + failed > 0) {
            points += 40.0 * passed / (passed + failed);
        }
        points += racePoints(rosenbrock, 0) + racePoints(rastrigin, 1);
        points += patternShare == null ? 0 : 20 * patternShare;
        points += digits == null ? 0 : 20 * digits;
        return Math.round(points * 10) / 10.0;
    }

    private static double racePoints(Double finalLoss, int track) {
        Track t = RaceTask.TRACKS.get(track);
        double start = t.value().applyAsDouble(t.start()[0], t.start()[1]);
        return finalLoss != null && Double.isFinite(finalLoss) && finalLoss < start ? 10 : 0;
    }

    /** @return every problem of this row, each a sentence; empty when all went well */
    List<String> whatWentWrong() {
        List<String> all = new ArrayList<>();
        if (ungraded != null) {
            all.add(ungraded);
        }
        all.addAll(problems);
        return all;
    }

    static String number(Double v, String format) {
        if (v == null) return "—";
        if (!Double.isFinite(v) || v >= 1e30) return "diverged";
        return String.format(Locale.ROOT, format, v);
    }

    String conformanceText() {
        return passed == null ? "—" : passed + " of " + (passed + failed) + (skipped > 0 ? " (" + skipped + " skipped)" : "");
    }

    String patternText() {
        return patternShare == null ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * patternShare);
    }

    String digitsText() {
        return digits == null ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * digits);
    }

    String secondsText() {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    String gradeText() {
        return String.format(Locale.ROOT, "%.1f", grade());
    }
}
