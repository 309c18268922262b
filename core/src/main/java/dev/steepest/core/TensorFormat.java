package dev.steepest.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Prints tensors the way PyTorch 1.x does ({@code torch/_tensor_str.py}): integers as {@code 1.},
 * otherwise four decimals, scientific notation when the magnitudes call for it, right-aligned
 * columns, rows wrapped at 80 characters, and {@code ...} for tensors of more than 1000 elements.
 * An int64 tensor prints its integers ({@code tensor([3, 1])}), a bool tensor {@code True} and
 * {@code False} ({@code tensor([ True, False])}, aligned as PyTorch aligns them); an empty one names
 * its dtype ({@code tensor([], dtype=torch.int64)}).
 */
final class TensorFormat {

    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        String prefix = "tensor(";
        StringBuilder sb = new StringBuilder(prefix);
        boolean summarize = t.numel > THRESHOLD;
        Tensor values = t.dense ? t : t.copied(t.shape);   // a view is printed from a dense copy of its values
        Formatter f = new Formatter(values, summarize);
        if (t.numel == 0) {
            sb.append("[]");
        } else if (t.shape.length == 0) {
            sb.append(f.format(0));
        } else {
            appendBlock(sb, values, f, 0, 0, prefix.length(), summarize);
        }
        if (t.numel == 0 && t.shape.length > 1) {
            sb.append(", size=").append(Shapes.toString(t.shape).replace('[', '(').replace(']', ')'));
        }
        if (t.numel == 0 && t.dtype != DType.FLOAT32) {
            sb.append(", dtype=").append(t.dtype.torchName());
        }
        if (t.gradFn != null) {
            sb.append(", grad_fn=<").append(t.gradFn.name).append('>');
        } else if (t.requiresGrad) {
            sb.append(", requires_grad=True");
        }
        return sb.append(')').toString();
    }

    private static void appendBlock(StringBuilder sb, Tensor t, Formatter f, int dim, int offset, int indent, boolean summarize) {
        int size = t.shape[dim];
        int stride = Shapes.inner(t.shape, dim);
        if (dim == t.shape.length - 1) {
            appendRow(sb, t, f, offset, size, indent, summarize);
            return;
        }
        sb.append('[');
        String separator = "," + "\n".repeat(t.shape.length - dim - 1) + " ".repeat(indent + 1);
        boolean first = true;
        for (int i = 0; i < size; i++) {
            if (summarize && size > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                sb.append(separator).append("...");
                i = size - EDGE_ITEMS;
            }
            if (!first) sb.append(separator);
            first = false;
            appendBlock(sb, t, f, dim + 1, offset + i * stride, indent + 1, summarize);
        }
        sb.append(']');
    }

    private static void appendRow(StringBuilder sb, Tensor t, Formatter f, int offset, int size, int indent, boolean summarize) {
        int perLine = Math.max(1, (LINE_WIDTH - indent) / (f.width + 2));
        sb.append('[');
        int onLine = 0;
        boolean first = true;
        for (int i = 0; i < size; i++) {
            String item;
            if (summarize && size > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                item = " ...";
                i = size - EDGE_ITEMS - 1;
            } else {
                item = f.format(offset + i);
            }
            if (!first) {
                if (onLine == perLine) {
                    sb.append(",\n").append(" ".repeat(indent + 1));
                    onLine = 0;
                } else {
                    sb.append(", ");
                }
            }
            first = false;
            sb.append(item);
            onLine++;
        }
        sb.append(']');
    }

    /**
     * Chooses the style (integer, fixed, scientific) and column width from the values shown, and
     * formats the element at a row-major position; int64 and bool elements print as integers and
     * as {@code True}/{@code False}, padded to the widest shown.
     */
    private static final class Formatter {
        final Tensor t;
        boolean intMode = true;
        boolean sciMode;
        int width = 1;

        Formatter(Tensor t, boolean summarize) {
            this.t = t;
            int[] shown = shown(t, summarize);
            if (t.dtype != DType.FLOAT32) {
                for (int i : shown) width = Math.max(width, raw(i).length());
                return;
            }
            double maxAbs = 0, minAbs = Double.MAX_VALUE;
            boolean anyFinite = false;
            for (int i : shown) {
                float v = t.data[i];
                if (Float.isFinite(v) && v != 0f) {
                    anyFinite = true;
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                    minAbs = Math.min(minAbs, Math.abs(v));
                    if (v != Math.ceil(v)) intMode = false;
                }
            }
            if (anyFinite) {
                if (intMode) {
                    sciMode = maxAbs / minAbs > 1000. || maxAbs > 1.e8;
                } else {
                    sciMode = maxAbs / minAbs > 1000. || maxAbs > 1.e8 || minAbs < 1.e-4;
                }
            }
            for (int i : shown) {
                float v = t.data[i];
                if (Float.isFinite(v) && v != 0f) {
                    width = Math.max(width, raw(i).length());
                }
            }
        }

        /** The positions PyTorch looks at to choose the style: all, or only the first and last three along every dimension. */
        private static int[] shown(Tensor t, boolean summarize) {
            if (!summarize || t.shape.length == 0) {
                int[] all = new int[t.numel];
                for (int i = 0; i < all.length; i++) all[i] = i;
                return all;
            }
            java.util.List<Integer> kept = new java.util.ArrayList<>();
            collectEdges(t, 0, 0, kept);
            return kept.stream().mapToInt(Integer::intValue).toArray();
        }

        private static void collectEdges(Tensor t, int dim, int offset, java.util.List<Integer> kept) {
            int size = t.shape[dim];
            int stride = Shapes.inner(t.shape, dim);
            for (int i = 0; i < size; i++) {
                if (size > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                    i = size - EDGE_ITEMS;
                }
                if (dim == t.shape.length - 1) {
                    kept.add(offset + i);
                } else {
                    collectEdges(t, dim + 1, offset + i * stride, kept);
                }
            }
        }

        /** The element at row-major position {@code i}, unpadded. */
        String raw(int i) {
            if (t.dtype == DType.INT64) return Long.toString(t.ints[i]);
            if (t.dtype == DType.BOOL) return t.ints[i] != 0 ? "True" : "False";
            float v = t.data[i];
            if (Float.isNaN(v)) return "nan";
            if (Float.isInfinite(v)) return v > 0 ? "inf" : "-inf";
            if (sciMode) {
                return String.format(Locale.ROOT, "%.4e", (double) v);
            }
            if (intMode) {
                String s = new BigDecimal(v).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
                if (v == 0f && 1f / v < 0) s = "-0";
                return s + ".";
            }
            String s = new BigDecimal(v).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
            return v == 0f && 1f / v < 0 ? "-" + s : s;   // BigDecimal has no -0; PyTorch prints -0.0000
        }

        String format(int i) {
            String s = raw(i);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
