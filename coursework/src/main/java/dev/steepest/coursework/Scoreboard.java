package dev.steepest.coursework;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The grading run's results three ways: an HTML page for people (the table and the race
 * pictures), Markdown for a course page or a pull request, and JUnit XML for a course's CI or
 * learning platform (one test case per row; a failure holds what went wrong, the system-err what
 * the submission printed). Every text from a submission goes through {@link Markup}, so all three
 * parse whatever names, messages and output a submission has.
 */
final class Scoreboard {
    /** The table's columns, in order. */
    static final List<String> COLUMNS = List.of("rank", "submission", "optimizer", "grade", "conformance checks passed",
            "Rosenbrock final loss", "Rastrigin final loss", "pattern: seeds correct", "digits accuracy", "time", "what went wrong", "what it printed");

    /** An exercise assignment's columns, in order. */
    static final List<String> EXERCISE_COLUMNS = List.of("rank", "submission", "exercise", "grade", "checks passed", "time",
            "what went wrong", "what it printed");

    private final List<GradeRow> rows;
    private final Assignment kind;
    private final List<String> columns;
    private final String settings;
    private final List<String> protections;
    private final List<String> pictures;

    /**
     * @param rows every row, in any order (sorted here: best grade first, references among them)
     * @param settings one line saying how the run was made (limits, sizes)
     * @param protections the protections every child ran with, in words
     * @param pictures the race pictures' file names, beside the page
     */
    Scoreboard(List<GradeRow> rows, String settings, List<String> protections, List<String> pictures) {
        this(Assignment.OPTIMIZER, rows, settings, protections, pictures);
    }

    /** The same for an assignment of {@code kind}: an exercise's table has its checks instead of the optimizer's tasks. */
    Scoreboard(Assignment kind, List<GradeRow> rows, String settings, List<String> protections, List<String> pictures) {
        this.kind = kind;
        this.columns = kind == Assignment.OPTIMIZER ? COLUMNS : EXERCISE_COLUMNS;
        this.rows = new ArrayList<>(rows);
        this.rows.sort(Comparator.comparingDouble(GradeRow::grade).reversed()
                .thenComparing(r -> r.submission).thenComparing(r -> r.plugin));
        this.settings = settings;
        this.protections = protections;
        this.pictures = pictures;
    }

    List<GradeRow> rows() {
        return rows;
    }

    private List<String> cells(GradeRow r, int rank) {
        if (kind != Assignment.OPTIMIZER) {
            return List.of(Integer.toString(rank), r.submission, r.plugin.isEmpty() ? "—" : r.plugin, r.gradeText(), r.conformanceText(),
                    r.secondsText(), r.whatWentWrong().isEmpty() ? "nothing" : String.join("; ", r.whatWentWrong()), String.join("\n", r.output));
        }
        return List.of(Integer.toString(rank), r.reference ? "built-in (reference)" : r.submission, r.plugin.isEmpty() ? "—" : r.plugin,
                r.gradeText(), r.conformanceText(), GradeRow.number(r.rosenbrock, "%.4g"), GradeRow.number(r.rastrigin, "%.4g"),
                r.patternText(), r.digitsText(), r.secondsText(),
                r.whatWentWrong().isEmpty() ? "nothing" : String.join("; ", r.whatWentWrong()), String.join("\n", r.output));
    }

    private String protectionsLine() {
        return "Each submission ran with " + String.join("; ", protections) + ".";
    }

    /** @return the page, well-formed XHTML so that any XML parser reads it too */
    String html() {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>steepest: ").append(escape(title().toLowerCase(Locale.ROOT))).append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 1.5em; color: #222; }\n")
                .append("table { border-collapse: collapse; font-size: 13px; }\n")
                .append("th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }\n")
                .append("th { background: #eee; }\n tr.reference td { background: #eef4ff; font-style: italic; }\n")
                .append("tr.ungraded td { background: #fff0f0; }\n td.problem { max-width: 32em; }\n img { max-width: 100%; }\n")
                .append("td.printed { white-space: pre-wrap; font-family: monospace; font-size: 11px; max-width: 40em; }\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title())).append("</h1>\n<p>")
                .append(escape(settings)).append("</p>\n<p>").append(escape(protectionsLine())).append("</p>\n<p>").append(escape(howGraded()))
                .append("</p>\n<table id=\"scoreboard\">\n<thead><tr>");
        for (String c : columns) b.append("<th>").append(escape(c)).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        int rank = 0;
        for (GradeRow r : rows) {
            String cls = r.reference ? "reference" : r.ungraded != null ? "ungraded" : "student";
            b.append("<tr class=\"").append(cls).append("\">");
            List<String> cells = cells(r, ++rank);
            for (int i = 0; i < cells.size(); i++) {
                String td = i == cells.size() - 1 ? "<td class=\"printed\">" : i == cells.size() - 2 ? "<td class=\"problem\">" : "<td>";
                b.append(td).append(escape(cells.get(i))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        if (!pictures.isEmpty()) b.append("<h2>The race, all optimizers together</h2>\n");
        for (String p : pictures) {
            b.append("<p><img src=\"").append(escape(p)).append("\" alt=\"").append(escape(p)).append("\"/></p>\n");
        }
        return b.append("</body>\n</html>\n").toString();
    }

    /** @return the same as a Markdown table with the pictures */
    String markdown() {
        StringBuilder b = new StringBuilder("# ").append(title()).append("\n\n").append(Markup.markdown(settings)).append("\n\n")
                .append(Markup.markdown(protectionsLine())).append("\n\n").append(Markup.markdown(howGraded())).append("\n\n| ")
                .append(String.join(" | ", columns)).append(" |\n|");
        b.append(" --- |".repeat(columns.size())).append('\n');
        int rank = 0;
        for (GradeRow r : rows) {
            List<String> cells = new ArrayList<>(cells(r, ++rank).stream().map(Markup::markdown).toList());
            if (r.reference) cells.set(1, "*built-in (reference)*");
            cells.set(cells.size() - 1, r.output.isEmpty() ? "" : r.output.size() + " lines (see grade.html)");
            b.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        b.append('\n');
        for (String p : pictures) b.append("![").append(p).append("](").append(p).append(")\n");
        return b.toString();
    }

    /** @return one JUnit test suite: a test case per row, a failure for each row with a problem, an error for one not graded */
    String junitXml() {
        long failures = rows.stream().filter(r -> r.ungraded == null && !r.whatWentWrong().isEmpty()).count();
        long errors = rows.stream().filter(r -> r.ungraded != null).count();
        double time = rows.stream().mapToDouble(r -> r.seconds).sum();
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<testsuite name=\"steepest grade\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
                        + "skipped=\"0\" time=\"%.3f\">\n", rows.size(), failures, errors, time));
        b.append("  <properties><property name=\"settings\" value=\"").append(escape(settings)).append("\"/><property name=\"protections\" value=\"")
                .append(escape(String.join("; ", protections))).append("\"/></properties>\n");
        for (GradeRow r : rows) {
            String classname = r.reference ? "reference" : r.submission;
            String name = r.plugin.isEmpty() ? "(not graded)" : r.plugin;
            b.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">%n",
                    escape(classname), escape(name), r.seconds));
            String problems = String.join("; ", r.whatWentWrong());
            if (r.ungraded != null) {
                b.append("    <error message=\"").append(escape(problems)).append("\" type=\"not graded\"/>\n");
            } else if (!problems.isEmpty()) {
                b.append("    <failure message=\"").append(escape(problems)).append("\" type=\"problems\"/>\n");
            }
            List<String> cells = cells(r, 0);
            b.append("    <system-out>");
            for (int i = 3; i < columns.size() - 2; i++) {
                b.append(escape(columns.get(i) + ": " + cells.get(i))).append(i < columns.size() - 3 ? "; " : "");
            }
            b.append("</system-out>\n");
            if (!r.output.isEmpty()) b.append("    <system-err>").append(escape(String.join("\n", r.output))).append("</system-err>\n");
            b.append("  </testcase>\n");
        }
        return b.append("</testsuite>\n").toString();
    }

    private String title() {
        return kind == Assignment.OPTIMIZER ? "Optimizer scoreboard" : "Scoreboard of the " + kind.word() + " assignment";
    }

    private String howGraded() {
        if (kind == Assignment.OPTIMIZER) {
            return "Grade out of 100: conformance 40 (share of checks passed), the race 10 per function (finite final loss below the "
                    + "start's), pattern 20 (share of seeds correct), digits 20 (test accuracy). Rows marked reference are steepest's "
                    + "built-in optimizers.";
        }
        return "Grade out of 100: the share of the " + kind.word() + "'s checks passed (the same checks a student runs with "
                + "ExerciseCheck), each made by the grader with the submission's code in its own child: reference values from "
                + (kind == Assignment.ENVIRONMENT ? "Gymnasium's equations" : "PyTorch 1.13") + (kind == Assignment.ENVIRONMENT ? "" : " and a gradient check") + ".";
    }

    private static String escape(String text) {
        return Markup.xml(text);
    }
}
