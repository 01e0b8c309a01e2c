package org.interp4j.ablate;

/** KL divergence and entropy of next-token distributions given as logits (natural log, nats). */
public final class Divergence {
    private Divergence() {}

    /** log-softmax of logits, computed stably. */
    public static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : logits) max = Math.max(max, x);
        double s = 0;
        for (float x : logits) s += Math.exp(x - max);
        double lse = max + Math.log(s);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) out[i] = logits[i] - lse;
        return out;
    }

    /** KL(p ‖ q) = Σ p (log p − log q) for the softmax distributions of two logit vectors. */
    public static double kl(float[] logitsP, float[] logitsQ) {
        if (logitsP.length != logitsQ.length) {
            throw new IllegalArgumentException("The distributions have " + logitsP.length + " and " + logitsQ.length
                    + " entries: compare distributions over the same vocabulary.");
        }
        double[] lp = logSoftmax(logitsP), lq = logSoftmax(logitsQ);
        double kl = 0;
        for (int i = 0; i < lp.length; i++) kl += Math.exp(lp[i]) * (lp[i] - lq[i]);
        return kl;
    }

    /** Entropy −Σ p log p of the softmax of logits. */
    public static double entropy(float[] logits) {
        double[] lp = logSoftmax(logits);
        double h = 0;
        for (double l : lp) h -= Math.exp(l) * l;
        return h;
    }
}
