package dev.steepest.examples.pointnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.examples.pointnet.PointClouds.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The point-cloud generator of the pointnet example: on the surfaces, uniform by area, seeded, normalised. */
class PointCloudsTest {
    private static final double EPS = 1e-5;

    @Test
    void everyShapeSamplesPointsOnItsSurface() {
        Generator g = new Generator(3);
        float[] p = new float[3];
        for (Shape shape : Shape.values()) {
            for (int i = 0; i < 2000; i++) {
                shape.sample(g, p);
                double x = p[0], y = p[1], z = p[2], r = Math.hypot(x, y);
                boolean on = switch (shape) {
                    case SPHERE -> near(Math.sqrt(r * r + z * z), 1);
                    case CUBE -> near(Math.max(Math.abs(x), Math.max(Math.abs(y), Math.abs(z))), 1);
                    case CYLINDER -> near(r, 1) && Math.abs(z) <= 1 + EPS || near(Math.abs(z), 1) && r <= 1 + EPS;
                    case CONE -> near(r, (1 - z) / 2) && Math.abs(z) <= 1 + EPS || near(z, -1) && r <= 1 + EPS;
                    case TORUS -> near(Math.hypot(r - 1, z), 0.35);
                    case PYRAMID -> near(Math.max(Math.abs(x), Math.abs(y)), (1 - z) / 2) && Math.abs(z) <= 1 + EPS
                            || near(z, -1) && Math.max(Math.abs(x), Math.abs(y)) <= 1 + EPS;
                    case OCTAHEDRON -> near(Math.abs(x) + Math.abs(y) + Math.abs(z), 1);
                    case HEMISPHERE -> near(Math.sqrt(r * r + z * z), 1) && z >= -EPS || near(z, 0) && r <= 1 + EPS;
                };
                assertTrue(on, shape + " sampled " + Arrays.toString(p) + ", which is not on its surface");
            }
        }
    }

    @Test
    void facesAreSampledInProportionToTheirArea() {
        Generator g = new Generator(5);
        float[] p = new float[3];
        int n = 40_000, cylinderCaps = 0, coneBase = 0, pyramidBase = 0;
        for (int i = 0; i < n; i++) {
            Shape.CYLINDER.sample(g, p);
            cylinderCaps += near(Math.abs(p[2]), 1) ? 1 : 0;
            Shape.CONE.sample(g, p);
            coneBase += near(p[2], -1) ? 1 : 0;
            Shape.PYRAMID.sample(g, p);
            pyramidBase += near(p[2], -1) ? 1 : 0;
        }
        assertEquals(2 * Math.PI / (6 * Math.PI), (double) cylinderCaps / n, 0.01, "caps 2π of the cylinder's 6π");
        assertEquals(1 / (1 + Math.sqrt(5)), (double) coneBase / n, 0.01, "base π of the cone's π(1 + √5)");
        assertEquals(4 / (4 + 4 * Math.sqrt(5)), (double) pyramidBase / n, 0.01, "base 4 of the pyramid's 4 + 4√5");
    }

    @Test
    void aRandomRotationIsOrthonormalWithDeterminantOne() {
        Generator g = new Generator(11);
        for (int k = 0; k < 50; k++) {
            double[][] m = PointClouds.randomRotation(g);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double dot = m[0][i] * m[0][j] + m[1][i] * m[1][j] + m[2][i] * m[2][j];
                    assertEquals(i == j ? 1 : 0, dot, 1e-9);
                }
            }
            double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
            assertEquals(1, det, 1e-9);
        }
    }

    @Test
    void aCloudIsCentredInTheUnitBallUpToItsJitter() {
        float[] cloud = PointClouds.cloud(Shape.TORUS, 512, new Generator(2));
        double[] mean = new double[3];
        double radius = 0;
        for (int i = 0; i < 512; i++) {
            double x = cloud[i], y = cloud[512 + i], z = cloud[1024 + i];
            mean[0] += x / 512;
            mean[1] += y / 512;
            mean[2] += z / 512;
            radius = Math.max(radius, Math.sqrt(x * x + y * y + z * z));
        }
        double jitter = PointClouds.JITTER_CLIP * Math.sqrt(3);
        assertTrue(radius <= 1 + jitter && radius >= 1 - jitter, "farthest point at " + radius);
        for (double m : mean) {
            assertEquals(0, m, 0.01);
        }
    }

    @Test
    void theSameSeedGivesTheSameCloudsAndEveryClassEquallyOften() {
        PointClouds.Clouds a = PointClouds.generate(6, 32, new Generator(7));
        PointClouds.Clouds b = PointClouds.generate(6, 32, new Generator(7));
        PointClouds.Clouds c = PointClouds.generate(6, 32, new Generator(8));
        assertArrayEquals(new int[] {48, 3, 32}, a.points().shape());
        assertArrayEquals(a.points().toArray(), b.points().toArray());
        assertArrayEquals(a.labels().toArray(), b.labels().toArray());
        assertFalse(Arrays.equals(a.points().toArray(), c.points().toArray()));
        int[] counts = new int[PointClouds.CLASSES.size()];
        for (float label : a.labels().toArray()) {
            counts[(int) label]++;
        }
        int[] six = new int[counts.length];
        Arrays.fill(six, 6);
        assertArrayEquals(six, counts);
        assertEquals(8, PointClouds.CLASSES.size());
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) < EPS;
    }
}
