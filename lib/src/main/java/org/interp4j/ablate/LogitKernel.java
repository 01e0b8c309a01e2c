package org.interp4j.ablate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Log-sum-exp and entropy of many ablated logit vectors without a forward pass each. Ablating one
 * last-layer neuron changes the logits at position t only by a few fixed vectors, whose
 * coefficients an {@link AblatedLogits} names. Every (position, neuron) pair still needs one
 * softmax over the vocabulary; nothing cheaper is exact, so the work is arranged to be as fast as
 * that allows:
 * <ul>
 * <li>blocks of {@link #ROWS} neurons at one position, so each block's temporaries (a few MB) stay
 *     in cache across the handful of operations applied to them, instead of streaming huge chunks
 *     through memory once per operation;</li>
 * <li>the softmax and its normaliser come from one fused log-softmax; the entropy, when wanted, costs
 *     two more passes;</li>
 * <li>positions are shared among one Java thread per core, each running PyTorch single-threaded:
 *     small operations split over PyTorch's own thread team spend most of their time waiting at its
 *     barriers, badly so when the machine is busy.</li>
 * </ul>
 */
final class LogitKernel {
    private LogitKernel() {}

    /** Neurons per block: [16, 49152] floats are 3 MB, so a block's few temporaries stay in cache. */
    static final int ROWS = 16;

    /**
     * Outputs [T, C]: log-sum-exp of x (float), and when wanted its softmax entropy, KL(clean ‖ softmax(x))
     * and, given a unigram distribution q, Σ q·x and lse(x) in double, from which KL(q ‖ softmax(x))
     * follows ({@link Float64Rows}: every term in double, as float32 cancels to noise of 1e-4).
     */
    record Result(float[] lse, float[] entropy, double[] kl, double[] unigramDot, double[] lse64) {}

    /** @param logits clean logits [T, V]; @param v neuron directions [C, V]; @param x the ablated logits' coefficients */
    static Result run(NDArray logits, NDArray v, AblatedLogits x) {
        int t = (int) logits.getShape().get(0), c = (int) v.getShape().get(0);
        boolean wantEntropy = x.entropy();
        NDArray q = x.unigram();
        float[] lse = new float[t * c], ent = wantEntropy ? new float[t * c] : null;
        double[] kl = wantEntropy ? new double[t * c] : null;
        Result out = new Result(lse, ent, kl, q == null ? null : new double[t * c], q == null ? null : new double[t * c]);
        Coefficients k = new Coefficients(t, c, floats(x.a()), x.b().toFloatArray(), floats(x.g()), floats(x.d()));
        // shared read-only rows, made before the workers start so they allocate only in their own managers
        NDArray bl = x.g() == null ? null : x.biasLogits().reshape(1, -1);
        NDArray uu = x.d() == null ? null : x.u().reshape(1, -1);
        NDArray qq = q == null ? null : q.reshape(-1, 1);
        int workers = Math.max(1, Math.min(t, Runtime.getRuntime().availableProcessors()));
        int threadsBefore = JniUtils.getNumThreads();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread th = new Thread(r, "interp4j-logit-kernel");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int first = w;
                jobs.add(pool.submit(() -> {
                    // per native thread: this worker's PyTorch calls run on it alone
                    JniUtils.setNumThreads(1);
                    try {
                        for (int p = first; p < t; p += workers) {
                            position(p, logits, v, k, bl, uu, qq, out);
                        }
                    } finally {
                        JniUtils.setNumThreads(threadsBefore); // threads created later start from this value
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error er) throw er;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while computing ablated softmaxes", e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** All neurons at one position, block by block. */
    private static void position(int p, NDArray logits, NDArray v, Coefficients k, NDArray biasLogits, NDArray u,
                                 NDArray q, Result out) {
        int c = k.c;
        boolean wantKl = out.kl() != null;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = logits.get(m, new NDIndex(p)).reshape(1, -1);
            // once per position: the clean p in double and Σ p log p; the block's dot products with p
            // (and q) come from one product with the columns [p, q]
            NDArray refs = null;
            double sumPLogP = 0;
            if (wantKl) {
                NDArray cleanLog = Float64Rows.toDouble(l).logSoftmax(1); // [1, V]
                NDArray cleanP = cleanLog.exp().transpose(); // [V, 1]
                sumPLogP = cleanLog.matMul(cleanP).getDouble(0, 0);
                refs = q == null ? cleanP : cleanP.concat(q, 1);
            }
            int nRefs = q == null ? 1 : 2;
            NDArray basis = null; // rows ℓ_t, ℓ_b, u: the parts that are rank one per block
            if (k.a != null || k.g != null || k.d != null) {
                NDList rows = new NDList(l);
                if (k.g != null) rows.add(biasLogits);
                if (k.d != null) rows.add(u);
                basis = NDArrays.concat(rows, 0);
                basis.attach(m);
            }
            for (int from = 0; from < c; from += ROWS) {
                int to = Math.min(c, from + ROWS), r = to - from;
                try (NDManager bm = m.newSubManager()) {
                    NDArray x = v.get(bm, new NDIndex(from + ":" + to)).mul(bm.create(k.column(k.b, p, from, r), new Shape(r, 1)));
                    if (basis == null) {
                        x.addi(l);
                    } else {
                        x.addi(bm.create(k.mix(p, from, r), new Shape(r, basis.getShape().get(0))).matMul(basis));
                    }
                    NDArray ls = x.logSoftmax(1);
                    // log-sum-exp = x − log-softmax at any token; the first one will do
                    float[] z = x.get(":, 0").sub(ls.get(":, 0")).toFloatArray();
                    System.arraycopy(z, 0, out.lse(), p * c + from, r);
                    if (out.entropy() != null) {
                        float[] h = ls.exp().muli(ls).sum(new int[] {1}).neg().toFloatArray();
                        System.arraycopy(h, 0, out.entropy(), p * c + from, r);
                    }
                    if (wantKl) {
                        NDArray x64 = Float64Rows.toDouble(x);
                        double[] lse64 = Float64Rows.logSumExp(x64, z);
                        double[] dots = x64.matMul(refs).toDoubleArray(); // [r, nRefs]
                        for (int j = 0; j < r; j++) {
                            int at = p * c + from + j;
                            out.kl()[at] = Float64Rows.kl(sumPLogP, dots[j * nRefs], lse64[j], 1);
                            if (q != null) {
                                out.unigramDot()[at] = dots[j * nRefs + 1];
                                out.lse64()[at] = lse64[j];
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[] floats(NDArray x) {
        return x == null ? null : x.toFloatArray();
    }

    /** The [T, C] coefficient tables as Java arrays, read per block. */
    private record Coefficients(int t, int c, float[] a, float[] b, float[] g, float[] d) {
        float[] column(float[] x, int p, int from, int r) {
            float[] out = new float[r];
            System.arraycopy(x, p * c + from, out, 0, r);
            return out;
        }

        /** [r, basis rows]: each neuron's weights on ℓ_t, ℓ_b and u. */
        float[] mix(int p, int from, int r) {
            int w = 1 + (g != null ? 1 : 0) + (d != null ? 1 : 0);
            float[] out = new float[r * w];
            for (int j = 0; j < r; j++) {
                int i = p * c + from + j, o = j * w;
                out[o++] = a == null ? 1f : a[i];
                if (g != null) out[o++] = g[i];
                if (d != null) out[o] = d[i];
            }
            return out;
        }
    }
}
