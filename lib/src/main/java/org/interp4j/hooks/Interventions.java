package org.interp4j.hooks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Ready-made hooks that change chosen units of an activation. A unit is one feature of a position:
 * for [batch, pos, d] activations its index on the last axis, for per-head activations
 * [batch, pos, head, d_head] the flattened index head·d_head + i. Every intervention here is the
 * per-unit affine map x ↦ a·x + c (identity on other units), which covers zeroing (a=0, c=0),
 * setting or mean-ablating (a=0, c=value), scaling (a=f) and Linear-AcT transport
 * (a = 1−λ+λ·α, c = λ·β).
 */
public final class Interventions {
    private Interventions() {}

    public static Hook zero(int... units) {
        return affine(units, filled(units.length, 0), filled(units.length, 0));
    }

    /** Sets each unit to a constant, e.g. its mean over a reference set (mean ablation) or a forcing value. */
    public static Hook set(int[] units, float[] values) {
        checkLengths(units, values, "values");
        return affine(units, filled(units.length, 0), values);
    }

    public static Hook scale(float factor, int... units) {
        return affine(units, filled(units.length, factor), filled(units.length, 0));
    }

    /** Linear-AcT: (1−λ)·x + λ·(α·x + β) on each unit, λ in [0, 1]. */
    public static Hook transport(int[] units, float[] alpha, float[] beta, double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("The transport strength λ must be in [0, 1], got " + lambda + ".");
        }
        checkLengths(units, alpha, "alpha");
        checkLengths(units, beta, "beta");
        float[] a = new float[units.length], c = new float[units.length];
        for (int i = 0; i < units.length; i++) {
            a[i] = (float) (1 - lambda + lambda * alpha[i]);
            c[i] = (float) (lambda * beta[i]);
        }
        return affine(units, a, c);
    }

    /** x ↦ a·x + c on the given units, identity elsewhere. */
    public static Hook affine(int[] units, float[] a, float[] c) {
        checkLengths(units, a, "a");
        checkLengths(units, c, "c");
        int[] u = units.clone();
        float[] aa = a.clone(), cc = c.clone();
        return (x, ctx) -> {
            long[] s = x.getShape().getShape();
            int features = (int) (x.getShape().size() / (s[0] * s[1]));
            float[] scale = filled(features, 1), shift = new float[features];
            for (int i = 0; i < u.length; i++) {
                if (u[i] < 0 || u[i] >= features) {
                    throw new IllegalArgumentException("Unit " + u[i] + " is out of range for " + ctx.name()
                            + ", which has " + features + " units per position (shape " + x.getShape() + ").");
                }
                scale[u[i]] = aa[i];
                shift[u[i]] = cc[i];
            }
            NDArray flat = x.reshape(s[0], s[1], features);
            NDArray out = flat.mul(x.getManager().create(scale, new Shape(features)))
                    .add(x.getManager().create(shift, new Shape(features)));
            return out.reshape(x.getShape());
        };
    }

    private static float[] filled(int n, float v) {
        float[] f = new float[n];
        Arrays.fill(f, v);
        return f;
    }

    private static void checkLengths(int[] units, float[] values, String what) {
        if (units.length != values.length) {
            throw new IllegalArgumentException("Got " + units.length + " units but " + values.length + " " + what
                    + ": give one value per unit.");
        }
    }
}
