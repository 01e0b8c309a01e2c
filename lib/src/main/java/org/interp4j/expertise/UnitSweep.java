package org.interp4j.expertise;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs every unit through {@link UnitRanking} on all cores. Units are handed out in chunks of
 * neighbouring blocks; each chunk owns its buffers, so no thread allocates per unit, and each
 * block of {@value #BLOCK} units is transposed out of the sample-major matrix, as sort keys, in
 * one pass.
 */
final class UnitSweep {

    /**
     * Units transposed together: 128 floats are eight cache lines of every row, a run long enough
     * to pay for reaching a row (on a wide matrix every row sits in its own memory page), while
     * the block's keys (1 MB for 2,000 samples) still fit in L2 for the sorts.
     */
    static final int BLOCK = 128;

    /** Per-unit outputs; the forcing arrays are null when only AP is wanted. */
    static final class Outputs {
        final double[] ap;
        final double[] onP50, offP50, onP90, onMean, offMean;

        Outputs(int units, boolean forcing) {
            ap = new double[units];
            onP50 = forcing ? new double[units] : null;
            offP50 = forcing ? new double[units] : null;
            onP90 = forcing ? new double[units] : null;
            onMean = forcing ? new double[units] : null;
            offMean = forcing ? new double[units] : null;
        }

        boolean forcing() {
            return onP50 != null;
        }
    }

    private UnitSweep() {}

    static Outputs run(Responses x, BinaryLabels y, boolean forcing) {
        Outputs out = new Outputs(x.units, forcing);
        int blocks = (x.units + BLOCK - 1) / BLOCK;
        int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
        // A few chunks per thread even out units that sort slower than others.
        int chunks = Math.min(blocks, 4 * threads);
        RuntimeException[] failures = new RuntimeException[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            try {
                runChunk(x, y, out, (int) ((long) blocks * c / chunks), (int) ((long) blocks * (c + 1) / chunks));
            } catch (RuntimeException e) {
                failures[c] = e;
            }
        });
        // Rethrown here, unwrapped, and always the one of the lowest unit, so the message is stable.
        for (RuntimeException e : failures) if (e != null) throw e;
        return out;
    }

    private static void runChunk(Responses x, BinaryLabels y, Outputs out, int firstBlock, int endBlock) {
        int n = x.samples;
        int[][] columns = new int[BLOCK][n];
        UnitRanking ranking = new UnitRanking(n, y.positives);
        for (int b = firstBlock; b < endBlock; b++) {
            int u0 = b * BLOCK;
            int count = Math.min(BLOCK, x.units - u0);
            x.keyColumns(u0, count, columns);
            for (int j = 0; j < count; j++) {
                int u = u0 + j;
                ranking.rank(columns[j], y.values, n);
                if (!ranking.allFinite()) throw UnitRanking.notFinite(x, u);
                out.ap[u] = ranking.averagePrecision(y.positives);
                if (out.forcing()) {
                    ranking.splitByLabel();
                    out.onP50[u] = ranking.onQuantile(0.5);
                    out.offP50[u] = ranking.offQuantile(0.5);
                    out.onP90[u] = ranking.onQuantile(0.9);
                    out.onMean[u] = ranking.onMean();
                    out.offMean[u] = ranking.offMean();
                }
            }
        }
    }
}
