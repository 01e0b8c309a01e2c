package org.interp4j.grade.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookContext;
import org.interp4j.hooks.Interventions;

/**
 * 00.zero-neuron: a hook that zero-ablates one neuron at every position, against the library's
 * {@link Interventions#zero}, on activations of the shape [batch, position, neuron].
 */
final class ZeroOneNeuron extends FunctionExercise<IntFunction<Hook>> {

    ZeroOneNeuron() {
        // Copying values and writing zeros is exact in float32.
        super("00.zero-neuron", "zeroNeuron", generic(IntFunction.class),
                "neuron -> (activation, context) -> replacement",
                "the activation is [batch, position, neuron]: the replacement equals it everywhere except on "
                        + "the chosen neuron (the last axis), which is 0 at EVERY batch row and position",
                Tolerance.EXACT);
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(730);
        return List.of(
                new Trial("a [1, 5, 8] activation, neuron 3", randomActivation(r, 1, 5, 8), 3),
                new Trial("a [2, 4, 16] activation, neuron 0", randomActivation(r, 2, 4, 16), 0),
                new Trial("a [2, 3, 16] activation, neuron 15 (the last)", randomActivation(r, 2, 3, 16), 15),
                // small: the grader reads the outputs back through JShell, which cuts long values
                new Trial("a [1, 3, 64] activation, neuron 37", randomActivation(r, 1, 3, 64), 37));
    }

    @Override
    protected Object apply(IntFunction<Hook> f, Trial t, ExerciseContext context) {
        return run(f.apply((Integer) t.args()[1]), (float[][][]) t.args()[0]);
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return run(Interventions.zero((Integer) t.args()[1]), (float[][][]) t.args()[0]);
    }

    /** The hook's output as the model would use it: the replacement, or the activation when it returns null. */
    private static double[][][] run(Hook hook, float[][][] activation) {
        int b = activation.length;
        int p = activation[0].length;
        int d = activation[0][0].length;
        float[] flat = new float[b * p * d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < p; j++) {
                System.arraycopy(activation[i][j], 0, flat, (i * p + j) * d, d);
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(flat, new Shape(b, p, d));
            NDArray y = hook.apply(x, new HookContext("blocks.20.mlp.hook_post", 20, 0, 0));
            NDArray used = y == null ? x : y;
            float[] out = used.toType(DataType.FLOAT32, false).toFloatArray();
            long[] shape = used.getShape().getShape();
            if (!Arrays.equals(shape, new long[] {b, p, d})) {
                // Let the comparison name the shape: return the data with the shape the hook gave.
                return reshape(out, shape);
            }
            return reshape(out, new long[] {b, p, d});
        }
    }

    /**
     * As doubles: a float goes through the self-check's JSON as its shortest decimal text and comes
     * back as a slightly different double, so exact comparison needs values that survive the trip.
     */
    private static double[][][] reshape(float[] flat, long[] shape) {
        if (shape.length != 3) {
            double[] all = new double[flat.length];
            for (int i = 0; i < flat.length; i++) {
                all[i] = flat[i];
            }
            return new double[][][] {{all}};
        }
        int b = (int) shape[0];
        int p = (int) shape[1];
        int d = (int) shape[2];
        double[][][] out = new double[b][p][d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < d; k++) {
                    out[i][j][k] = flat[(i * p + j) * d + k];
                }
            }
        }
        return out;
    }

    private static float[][][] randomActivation(Random r, int b, int p, int d) {
        float[][][] x = new float[b][p][d];
        for (float[][] row : x) {
            for (float[] pos : row) {
                for (int k = 0; k < d; k++) {
                    float v = (float) r.nextGaussian();
                    pos[k] = v == 0f ? 0.5f : v; // never 0, so a neuron left alone is seen
                }
            }
        }
        return x;
    }
}
