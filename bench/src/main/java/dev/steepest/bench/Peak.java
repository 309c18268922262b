package dev.steepest.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code peak}: this core's float32 fused multiply-add throughput, the limit every dense
 * workload is measured against. Twelve independent accumulators of the widest vector the JVM
 * offers take {@link #LANE_STEPS} lane-wise fused multiply-adds each (in {@code LANE_STEPS / lanes}
 * vector steps), with no memory traffic inside the loop:
 * twelve chains hide the FMA latency (4 cycles) on two FMA pipes, and twelve plus the two operands
 * fit in the 16 (AVX2) or 32 (AVX-512) vector registers. A call is {@link #FLOPS} floating-point
 * operations whatever the vector width; bench/compare turns the time into GFLOP/s.
 *
 * <p>The operands keep every accumulator near 1 ({@code acc·a + b} with {@code a = 0.999…},
 * {@code b = 1 − a}), so no value turns denormal or infinite, which would slow the units down.
 */
public class Peak extends OneThreadBenchmark {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Independent accumulators. */
    static final int CHAINS = 12;
    /** Lane-wise fused multiply-adds per accumulator per call. */
    static final int LANE_STEPS = 1 << 20;
    /** Floating-point operations per call (two per fused multiply-add): 25,165,824. */
    public static final double FLOPS = 2.0 * CHAINS * LANE_STEPS;

    private float a;
    private float b;

    @Setup
    public void setUp() {
        a = 0.9999999f;
        b = 1f - a;
    }

    @Benchmark
    public float fma() {
        FloatVector va = FloatVector.broadcast(SPECIES, a);
        FloatVector vb = FloatVector.broadcast(SPECIES, b);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 1f), c1 = c0, c2 = c0, c3 = c0;
        FloatVector c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        int steps = LANE_STEPS / SPECIES.length();
        for (int step = 0; step < steps; step++) {
            c0 = c0.fma(va, vb);
            c1 = c1.fma(va, vb);
            c2 = c2.fma(va, vb);
            c3 = c3.fma(va, vb);
            c4 = c4.fma(va, vb);
            c5 = c5.fma(va, vb);
            c6 = c6.fma(va, vb);
            c7 = c7.fma(va, vb);
            c8 = c8.fma(va, vb);
            c9 = c9.fma(va, vb);
            c10 = c10.fma(va, vb);
            c11 = c11.fma(va, vb);
        }
        FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5)
                .add(c6).add(c7).add(c8).add(c9).add(c10).add(c11);
        return sum.lane(0);
    }
}
