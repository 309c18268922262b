package dev.steepest.core;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: element counts, broadcasting, dimension checks and messages. */
final class Shapes {

    private Shapes() {
    }

    static String toString(int[] shape) {
        return Arrays.toString(shape);
    }

    static int numel(int[] shape) {
        return numel("tensor", shape);
    }

    /**
     * The most elements a tensor can have: the longest float[] the JVM allocates (a few below
     * Integer.MAX_VALUE, as java.util.ArrayList assumes).
     */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** The number of elements of a shape of non-negative sizes, refusing more than an array can hold. */
    static int numel(String op, int[] shape) {
        long n = product(shape);
        if (n > MAX_ELEMENTS) {
            throw tooMany(op, "shape " + toString(shape), exactProduct(shape));
        }
        return (int) n;
    }

    /** The product of the sizes, or Long.MAX_VALUE when it exceeds a long (never wrapping around). */
    static long product(int[] shape) {
        long n = 1;
        boolean overflow = false;
        for (int d : shape) {
            if (d == 0) return 0;
            if (!overflow) {
                try {
                    n = Math.multiplyExact(n, (long) d);
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
        }
        return overflow ? Long.MAX_VALUE : n;
    }

    /** The exact product of the sizes, for messages. */
    static String exactProduct(int[] shape) {
        java.math.BigInteger n = java.math.BigInteger.ONE;
        for (int d : shape) n = n.multiply(java.math.BigInteger.valueOf(d));
        return n.toString();
    }

    /** "op: WHAT has COUNT elements; a tensor holds at most …": the one message for a count that cannot be held. */
    static IllegalArgumentException tooMany(String op, String what, String count) {
        return new IllegalArgumentException(op + ": " + what + " has " + count + " elements; a tensor holds at most "
                + MAX_ELEMENTS + " (the longest array the JVM allocates)");
    }

    /** Checks that every size is non-negative and returns a private copy. */
    static int[] checked(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": sizes must be non-negative, got " + toString(shape));
            }
        }
        numel(op, shape);
        return shape.clone();
    }

    /** Turns a dimension that may count from the end (-1 is the last) into 0..rank-1. */
    static int dim(String op, int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " is out of range for a tensor with "
                    + rank + " dimension" + (rank == 1 ? "" : "s") + "; expected a value in [" + (-r) + ", " + (r - 1) + "]");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** Rejects a null tensor argument with a message naming the op and the argument. */
    static Tensor notNull(String op, String name, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null; pass a tensor");
        }
        return t;
    }

    /** NumPy/PyTorch broadcasting: align from the right; sizes must agree or be 1. */
    static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) {
            return a;
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + toString(a) + " and " + toString(b)
                        + " cannot be broadcast: size " + da + " and size " + db + " differ at dimension " + i
                        + " (counting from the left of the broadcast shape); sizes must be equal or one of them 1");
            }
            out[i] = Math.max(da, db) == 0 || da == 0 || db == 0 ? 0 : Math.max(da, db);
        }
        return out;
    }

    /** Strides for reading a tensor of {@code shape} as if it had {@code target} shape (0 where broadcast). */
    static int[] broadcastStrides(int[] shape, int[] target) {
        int rank = target.length;
        int[] strides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int j = i - (rank - shape.length);
            if (j < 0) {
                strides[i] = 0;
            } else {
                strides[i] = shape[j] == 1 ? 0 : stride;
                stride *= shape[j];
            }
        }
        return strides;
    }

    /** Product of sizes before {@code dim}. */
    static int outer(int[] shape, int dim) {
        int n = 1;
        for (int i = 0; i < dim; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** Product of sizes after {@code dim}. */
    static int inner(int[] shape, int dim) {
        int n = 1;
        for (int i = dim + 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** The shape with {@code dim} removed, or set to 1 when keepDim. */
    static int[] reduced(int[] shape, int dim, boolean keepDim) {
        if (keepDim) {
            int[] out = shape.clone();
            out[dim] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != dim) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** Resolves one -1 in a requested shape against an element count. */
    static int[] inferred(String op, int[] from, int[] requested) {
        int[] shape = requested.clone();
        int unknown = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + toString(requested));
                }
                unknown = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + shape[i] + " in " + toString(requested));
            }
        }
        int numel = numel(from);
        if (unknown >= 0) {
            int[] others = requested.clone();
            others[unknown] = 1;
            long known = product(others);
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException(op + ": shape " + toString(requested) + " is invalid for a tensor of shape "
                        + toString(from) + " (" + numel + " elements)");
            }
            shape[unknown] = (int) (numel / known);
        } else if (product(shape) != numel) {
            if (product(shape) > MAX_ELEMENTS) {
                throw tooMany(op, "shape " + toString(requested), exactProduct(requested));
            }
            throw new IllegalArgumentException(op + ": shape " + toString(requested) + " (" + product(shape) + " elements) is invalid for a tensor of shape "
                    + toString(from) + " (" + numel + " elements)");
        }
        return shape;
    }

    /** Rejects a null generator with a message naming the op. */
    static Generator notNullGenerator(String op, Generator generator) {
        if (generator == null) {
            throw new IllegalArgumentException(op + ": generator is null; pass a seeded Generator, e.g. new Generator(0)");
        }
        return generator;
    }
}
