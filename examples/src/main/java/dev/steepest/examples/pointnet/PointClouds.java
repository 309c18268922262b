package dev.steepest.examples.pointnet;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import java.util.List;

/**
 * The data of the {@code pointnet} example, generated in the program from a seed (nothing to ship):
 * point clouds sampled uniformly on the surfaces of eight 3-D shapes.
 *
 * <p>Each cloud is made in five steps: {@code points} samples uniform on the shape's surface (each
 * face or patch in proportion to its area); a random scale per axis in [0.75, 1.25]; a uniformly
 * random rotation; centred and scaled into the unit ball (as PointNet's ModelNet clouds are);
 * then Gaussian jitter (σ 0.01, clipped at ±0.05, PointNet's augmentation). A cloud is stored
 * channels first, [3, points], the layout {@code Conv1d} reads.
 */
final class PointClouds {
    /** Per-axis scale range. */
    static final float SCALE_MIN = 0.75f, SCALE_MAX = 1.25f;
    /** Jitter standard deviation and clip. */
    static final float JITTER = 0.01f, JITTER_CLIP = 0.05f;

    /** The shapes, in class order; each samples one point on its surface. */
    enum Shape {
        /** The unit sphere. */
        SPHERE {
            @Override
            void sample(Generator g, float[] p) {
                double x = g.nextNormal(), y = g.nextNormal(), z = g.nextNormal();
                double r = Math.sqrt(x * x + y * y + z * z);
                set(p, x / r, y / r, z / r);
            }
        },
        /** The cube [-1, 1]³: six faces of equal area. */
        CUBE {
            @Override
            void sample(Generator g, float[] p) {
                int face = g.nextInt(6);
                double a = g.uniform(-1, 1), b = g.uniform(-1, 1), side = face % 2 == 0 ? 1 : -1;
                switch (face / 2) {
                    case 0 -> set(p, side, a, b);
                    case 1 -> set(p, a, side, b);
                    default -> set(p, a, b, side);
                }
            }
        },
        /** A closed cylinder of radius 1 and height 2: the side (area 4π) and two caps (π each). */
        CYLINDER {
            @Override
            void sample(Generator g, float[] p) {
                double angle = 2 * Math.PI * g.nextDouble(), u = g.nextDouble() * 6;
                if (u < 4) {
                    set(p, Math.cos(angle), Math.sin(angle), g.uniform(-1, 1));
                } else {
                    double r = Math.sqrt(g.nextDouble());      // uniform on the disc
                    set(p, r * Math.cos(angle), r * Math.sin(angle), u < 5 ? 1 : -1);
                }
            }
        },
        /** A cone of base radius 1 from z = -1 to its apex at z = 1: the side (π√5) and the base (π). */
        CONE {
            @Override
            void sample(Generator g, float[] p) {
                double angle = 2 * Math.PI * g.nextDouble(), r = Math.sqrt(g.nextDouble());
                if (g.nextDouble() * (Math.sqrt(5) + 1) < Math.sqrt(5)) {
                    set(p, r * Math.cos(angle), r * Math.sin(angle), 1 - 2 * r);   // radius grows linearly from the apex
                } else {
                    set(p, r * Math.cos(angle), r * Math.sin(angle), -1);
                }
            }
        },
        /** A torus with ring radius 1 and tube radius 0.35 (rejection keeps it uniform on the surface). */
        TORUS {
            @Override
            void sample(Generator g, float[] p) {
                double ring = 1, tube = 0.35, around, across;
                do {                                            // area element ∝ ring + tube·cos(across)
                    around = 2 * Math.PI * g.nextDouble();
                    across = 2 * Math.PI * g.nextDouble();
                } while (g.nextDouble() * (ring + tube) > ring + tube * Math.cos(across));
                double r = ring + tube * Math.cos(across);
                set(p, r * Math.cos(around), r * Math.sin(around), tube * Math.sin(across));
            }
        },
        /** A pyramid on the square [-1, 1]² at z = -1 with its apex at (0, 0, 1). */
        PYRAMID {
            private final float[][] mesh = {
                {-1, -1, -1, 1, -1, -1, 1, 1, -1}, {-1, -1, -1, 1, 1, -1, -1, 1, -1},
                {-1, -1, -1, 1, -1, -1, 0, 0, 1}, {1, -1, -1, 1, 1, -1, 0, 0, 1},
                {1, 1, -1, -1, 1, -1, 0, 0, 1}, {-1, 1, -1, -1, -1, -1, 0, 0, 1}};

            @Override
            void sample(Generator g, float[] p) {
                onMesh(mesh, g, p);
            }
        },
        /** The regular octahedron with its corners at ±1 on each axis: eight equal triangles. */
        OCTAHEDRON {
            @Override
            void sample(Generator g, float[] p) {
                int face = g.nextInt(8);
                double a = g.nextDouble(), b = g.nextDouble();
                if (a + b > 1) {                               // fold the square onto the triangle
                    a = 1 - a;
                    b = 1 - b;
                }
                double x = a, y = b, z = 1 - a - b;
                set(p, (face & 1) == 0 ? x : -x, (face & 2) == 0 ? y : -y, (face & 4) == 0 ? z : -z);
            }
        },
        /** A closed half ball: the dome of the unit sphere above z = 0 (area 2π) and its flat base (π). */
        HEMISPHERE {
            @Override
            void sample(Generator g, float[] p) {
                if (g.nextDouble() * 3 < 2) {
                    SPHERE.sample(g, p);
                    p[2] = Math.abs(p[2]);
                } else {
                    double angle = 2 * Math.PI * g.nextDouble(), r = Math.sqrt(g.nextDouble());
                    set(p, r * Math.cos(angle), r * Math.sin(angle), 0);
                }
            }
        };

        /**
         * Draws one point uniformly on the surface.
         *
         * @param g the random numbers
         * @param p receives x, y, z (modified)
         */
        abstract void sample(Generator g, float[] p);

        /** @return the shape's name in lower case, e.g. "torus" */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The shapes' names in class order. */
    static final List<String> CLASSES = java.util.Arrays.stream(Shape.values()).map(Shape::label).toList();

    /**
     * A set of clouds.
     *
     * @param points [n, 3, points per cloud]
     * @param labels [n], the class index of each cloud as a float
     */
    record Clouds(Tensor points, Tensor labels) {
        /** @return how many clouds */
        int size() {
            return labels.size(0);
        }
    }

    private PointClouds() {
    }

    /**
     * Generates {@code perClass} clouds of every shape, in a seeded shuffled order.
     *
     * @param perClass clouds per shape (at least 1)
     * @param points points per cloud (at least 1)
     * @param g draws everything: which order, each point, scale, rotation and jitter
     * @return the clouds and their labels
     */
    static Clouds generate(int perClass, int points, Generator g) {
        int classes = Shape.values().length, n = perClass * classes;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i % classes;
        }
        for (int i = n - 1; i > 0; i--) {                      // Fisher-Yates
            int j = g.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] data = new float[n * 3 * points], labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = order[i];
            System.arraycopy(cloud(Shape.values()[order[i]], points, g), 0, data, i * 3 * points, 3 * points);
        }
        return new Clouds(Tensor.of(data, n, 3, points), Tensor.of(labels, n).toLong());
    }

    /**
     * One cloud of a shape: sampled, scaled per axis, rotated, normalised into the unit ball, jittered.
     *
     * @return [3 · points], x coordinates first, then y, then z
     */
    static float[] cloud(Shape shape, int points, Generator g) {
        float[] scale = {g.uniform(SCALE_MIN, SCALE_MAX), g.uniform(SCALE_MIN, SCALE_MAX), g.uniform(SCALE_MIN, SCALE_MAX)};
        double[][] rotation = randomRotation(g);
        double[][] xyz = new double[points][3];
        float[] p = new float[3];
        double[] mean = new double[3];
        for (int i = 0; i < points; i++) {
            shape.sample(g, p);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    xyz[i][r] += rotation[r][c] * p[c] * scale[c];
                }
                mean[r] += xyz[i][r] / points;
            }
        }
        double radius = 0;
        for (double[] q : xyz) {
            for (int r = 0; r < 3; r++) {
                q[r] -= mean[r];
            }
            radius = Math.max(radius, Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]));
        }
        float[] out = new float[3 * points];
        for (int i = 0; i < points; i++) {
            for (int r = 0; r < 3; r++) {
                double jitter = Math.max(-JITTER_CLIP, Math.min(JITTER_CLIP, JITTER * g.nextNormal()));
                out[r * points + i] = (float) (xyz[i][r] / Math.max(radius, 1e-12) + jitter);
            }
        }
        return out;
    }

    /** @return a rotation matrix drawn uniformly from all rotations (Shoemake's unit quaternion) */
    static double[][] randomRotation(Generator g) {
        double u1 = g.nextDouble(), u2 = 2 * Math.PI * g.nextDouble(), u3 = 2 * Math.PI * g.nextDouble();
        double a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
        double w = a * Math.sin(u2), x = a * Math.cos(u2), y = b * Math.sin(u3), z = b * Math.cos(u3);
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
    }

    /** Draws a point uniformly on a mesh of triangles {x0, y0, z0, x1, …, z2}, each in proportion to its area. */
    private static void onMesh(float[][] mesh, Generator g, float[] p) {
        double[] areas = new double[mesh.length];
        double total = 0;
        for (int t = 0; t < mesh.length; t++) {
            areas[t] = area(mesh[t]);
            total += areas[t];
        }
        double u = g.nextDouble() * total;
        int t = 0;
        while (t < mesh.length - 1 && u >= areas[t]) {
            u -= areas[t++];
        }
        double s = Math.sqrt(g.nextDouble()), r = g.nextDouble();   // uniform barycentric coordinates
        float[] v = mesh[t];
        for (int c = 0; c < 3; c++) {
            p[c] = (float) ((1 - s) * v[c] + s * (1 - r) * v[3 + c] + s * r * v[6 + c]);
        }
    }

    private static double area(float[] v) {
        double ax = v[3] - v[0], ay = v[4] - v[1], az = v[5] - v[2];
        double bx = v[6] - v[0], by = v[7] - v[1], bz = v[8] - v[2];
        double cx = ay * bz - az * by, cy = az * bx - ax * bz, cz = ax * by - ay * bx;
        return 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
    }

    private static void set(float[] p, double x, double y, double z) {
        p[0] = (float) x;
        p[1] = (float) y;
        p[2] = (float) z;
    }
}
