package dev.steepest.coursework;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.steepest.coursework.tasks.RaceTask;
import dev.steepest.train.plot.RacePicture.Lap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results file of one grading run or one shard ({@code grade-results.json}): the grading
 * configuration (limits, sizes, references, the folder's list of files), which share this is,
 * the protections that ran, and every row with all it measured. {@code grade merge} reads several
 * and makes one scoreboard; it refuses files of another configuration and checks every number it
 * reads, so that a damaged row fails alone.
 */
final class GradeResults {
    static final String FORMAT = "steepest.grade-results/1";
    static final String FILE = "grade-results.json";
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).maxNestingDepth(8).build()).build();

    /** What one file holds. */
    record Shard(Map<String, String> configuration, int index, int count, List<String> submissions, List<String> protections,
                 List<GradeRow> rows) {
    }

    private GradeResults() {
    }

    static byte[] write(Shard shard) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeObjectFieldStart("configuration");
            for (Map.Entry<String, String> e : new TreeMap<>(shard.configuration()).entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeNumberField("shard", shard.index());
            g.writeNumberField("shards", shard.count());
            strings(g, "submissions", shard.submissions());
            strings(g, "protections", shard.protections());
            g.writeArrayFieldStart("rows");
            for (GradeRow r : shard.rows()) row(g, r);
            g.writeEndArray();
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void row(JsonGenerator g, GradeRow r) throws IOException {
        g.writeStartObject();
        g.writeStringField("submission", r.submission);
        g.writeStringField("plugin", r.plugin);
        g.writeBooleanField("reference", r.reference);
        if (r.assignment != null) g.writeStringField("assignment", r.assignment);
        number(g, "passed", r.passed);
        number(g, "failed", r.failed);
        number(g, "skipped", r.skipped);
        number(g, "rosenbrock", r.rosenbrock);
        number(g, "rastrigin", r.rastrigin);
        number(g, "pattern", r.patternShare);
        number(g, "digits", r.digits);
        number(g, "seconds", r.seconds);
        if (r.ungraded != null) g.writeStringField("ungraded", r.ungraded);
        strings(g, "problems", r.problems);
        strings(g, "output", r.output);
        g.writeArrayFieldStart("laps");
        for (Lap lap : r.laps) {
            g.writeStartObject();
            g.writeStringField("optimizer", lap.optimizer());
            g.writeStringField("settings", lap.settings());
            numbers(g, "x", lap.x());
            numbers(g, "y", lap.y());
            numbers(g, "loss", lap.loss());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, Number v) throws IOException {
        if (v == null) return;
        g.writeFieldName(name);
        double d = v.doubleValue();
        if (v instanceof Integer i) g.writeNumber(i);
        else if (Double.isFinite(d)) g.writeNumber(d);
        else g.writeString(Double.toString(d));   // NaN and the infinities, as text
    }

    private static void numbers(JsonGenerator g, String name, double[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : values) {
            if (Double.isFinite(v)) g.writeNumber(v);
            else g.writeString(Double.toString(v));
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) g.writeString(s);
        g.writeEndArray();
    }

    // ------------------------------------------------------------ reading, every value checked

    /** Reads a results file; a file that is not one is refused whole, a row that does not check out becomes a failed row. */
    static Shard read(Path file) throws IOException {
        if (Files.size(file) > 256L << 20) throw new IOException("it is larger than 256 MB");
        try (JsonParser p = JSON.createParser(Files.readAllBytes(file))) {
            expect(p, JsonToken.START_OBJECT);
            Map<String, String> configuration = new TreeMap<>();
            List<String> submissions = List.of();
            List<String> protections = List.of();
            List<GradeRow> rows = new ArrayList<>();
            String format = null;
            int index = 0;
            int count = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "format" -> format = p.getValueAsString();
                    case "configuration" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            p.nextToken();
                            configuration.put(key, p.getValueAsString());
                        }
                    }
                    case "shard" -> index = p.getIntValue();
                    case "shards" -> count = p.getIntValue();
                    case "submissions" -> submissions = strings(p, 100_000);
                    case "protections" -> protections = strings(p, 20);
                    case "rows" -> {
                        while (p.nextToken() == JsonToken.START_OBJECT) rows.add(row(p, file));
                    }
                    default -> p.skipChildren();
                }
            }
            if (!FORMAT.equals(format)) throw new IOException("it is not a results file of grade (format " + format + ", expected " + FORMAT + ")");
            if (count < 1 || index < 1 || index > count) throw new IOException("its shard " + index + "/" + count + " is not a share");
            return new Shard(configuration, index, count, submissions, protections, rows);
        }
    }

    private static GradeRow row(JsonParser p, Path file) throws IOException {
        Map<String, Object> f = new TreeMap<>();
        List<Lap> laps = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "problems", "output" -> f.put(field, strings(p, 200));
                case "laps" -> {
                    while (p.nextToken() == JsonToken.START_OBJECT) laps.add(lap(p));
                }
                default -> {
                    if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) p.skipChildren();
                    else f.put(field, t.isNumeric() ? (Object) p.getDoubleValue() : t.isBoolean() ? (Object) p.getBooleanValue() : p.getText());
                }
            }
        }
        String submission = text(f.get("submission"), "?");
        try {
            GradeRow r = new GradeRow(submission, text(f.get("plugin"), ""), Boolean.TRUE.equals(f.get("reference")));
            if (f.get("assignment") != null) r.assignment = Assignment.of(text(f.get("assignment"), "")).word();
            r.passed = count(f.get("passed"));
            r.failed = count(f.get("failed"));
            r.skipped = count(f.get("skipped"));
            r.rosenbrock = real(f.get("rosenbrock"), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            r.rastrigin = real(f.get("rastrigin"), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            r.patternShare = real(f.get("pattern"), 0, 1);
            r.digits = real(f.get("digits"), 0, 1);
            Double seconds = real(f.get("seconds"), 0, 1e7);
            r.seconds = seconds == null ? 0 : seconds;
            r.ungraded = f.get("ungraded") == null ? null : text(f.get("ungraded"), "");
            r.problems.addAll(list(f.get("problems")));
            r.output.addAll(list(f.get("output")));
            if (laps.size() > RaceTask.TRACKS.size()) throw new IllegalArgumentException(laps.size() + " laps, more than the tracks");
            r.laps.addAll(laps);
            return r;
        } catch (IllegalArgumentException | ClassCastException e) {
            return GradeRow.ungraded(submission, "its results in " + file.getFileName() + " do not check out (" + e.getMessage() + ")");
        }
    }

    private static Lap lap(JsonParser p) throws IOException {
        String optimizer = "";
        String settings = "";
        double[] x = {}, y = {}, loss = {};
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "optimizer" -> optimizer = RemoteProvider.bounded(p.getText());
                case "settings" -> settings = RemoteProvider.bounded(p.getText());
                case "x" -> x = doubles(p);
                case "y" -> y = doubles(p);
                case "loss" -> loss = doubles(p);
                default -> p.skipChildren();
            }
        }
        if (x.length == 0 || x.length != y.length || x.length != loss.length) {
            throw new IOException("a lap whose x, y and loss differ in length (" + x.length + ", " + y.length + ", " + loss.length + ")");
        }
        return new Lap(optimizer, settings, x, y, loss);
    }

    private static double[] doubles(JsonParser p) throws IOException {
        List<Double> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (values.size() > 100_001) throw new IOException("a lap of more than 100,000 steps");
            values.add(p.currentToken() == JsonToken.VALUE_STRING ? Double.parseDouble(p.getText()) : p.getDoubleValue());
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<String> strings(JsonParser p, int most) throws IOException {
        List<String> out = new ArrayList<>();
        if (p.currentToken() != JsonToken.START_ARRAY) throw new IOException("a list was expected, found " + p.currentToken());
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (out.size() == most) throw new IOException("a list longer than " + most);
            out.add(RemoteProvider.bounded(p.getText()));
        }
        return out;
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        if (p.nextToken() != token) throw new IOException("it does not start with a JSON object");
    }

    private static String text(Object v, String otherwise) {
        return v == null ? otherwise : RemoteProvider.bounded(v.toString());
    }

    private static Integer count(Object v) {
        if (v == null) return null;
        double d = (Double) v;
        if (!(d >= 0 && d <= 100_000 && d == Math.rint(d))) throw new IllegalArgumentException("a count of " + d);
        return (int) d;
    }

    private static Double real(Object v, double min, double max) {
        if (v == null) return null;
        double d = v instanceof String s ? Double.parseDouble(s) : (Double) v;
        if (!Double.isNaN(d) && !(d >= min && d <= max)) throw new IllegalArgumentException("a value of " + d + " outside [" + min + ", " + max + "]");
        return d;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object v) {
        return v == null ? List.of() : (List<String>) v;
    }
}
