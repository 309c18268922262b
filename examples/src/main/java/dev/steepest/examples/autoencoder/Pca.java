package dev.steepest.examples.autoencoder;

import dev.steepest.core.Tensor;

/**
 * Principal component analysis, the classical baseline of the {@code autoencoder} example: the
 * best linear k-dimensional code for squared error. Fitted on the training set: the mean image,
 * and the k eigenvectors of the covariance matrix with the largest eigenvalues (found with Jacobi's
 * rotation method, plain and exact enough for 64 pixels). A reconstruction is
 * {@code mean + (x − mean)·Vₖ·Vₖᵀ}.
 */
final class Pca {
    private final float[] mean;
    private final float[][] components;   // k rows of length d, orthonormal

    private Pca(float[] mean, float[][] components) {
        this.mean = mean;
        this.components = components;
    }

    /**
     * @param data the training rows, [n, d]
     * @param k how many components to keep, 1..d
     * @return the fitted baseline
     */
    static Pca fit(Tensor data, int k) {
        int n = data.size(0);
        int d = data.size(1);
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("Pca: k must be in [1, " + d + "], got " + k);
        }
        float[] x = data.toArray();
        float[] mean = new float[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j] / n;
            }
        }
        double[][] covariance = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double ca = x[i * d + a] - mean[a];
                for (int b = a; b < d; b++) {
                    covariance[a][b] += ca * (x[i * d + b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covariance[a][b] /= n - 1;
                covariance[b][a] = covariance[a][b];
            }
        }
        double[][] vectors = new double[d][d];
        double[] values = jacobi(covariance, vectors);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        float[][] components = new float[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                components[c][j] = (float) vectors[j][order[c]];
            }
        }
        return new Pca(mean, components);
    }

    /** @return the k-number codes of the rows, [n, k] */
    Tensor encode(Tensor data) {
        int n = data.size(0);
        int d = mean.length;
        float[] x = data.toArray();
        float[] codes = new float[n * components.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < components.length; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (x[i * d + j] - mean[j]) * components[c][j];
                }
                codes[i * components.length + c] = (float) s;
            }
        }
        return Tensor.of(codes, n, components.length);
    }

    /** @return the rows rebuilt from their k-number codes, [n, d] */
    Tensor reconstruct(Tensor data) {
        int n = data.size(0);
        int d = mean.length;
        float[] codes = encode(data).toArray();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double s = mean[j];
                for (int c = 0; c < components.length; c++) {
                    s += codes[i * components.length + c] * components[c][j];
                }
                out[i * d + j] = (float) s;
            }
        }
        return Tensor.of(out, n, d);
    }

    /** Jacobi's method: rotates the symmetric matrix a (destroyed) to diagonal form; the eigenvectors go into the columns of v. */
    private static double[] jacobi(double[][] a, double[][] v) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) {          // columns p and q of a
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {          // rows p and q of a
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {          // the rotation accumulates in v
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
