package org.interp4j.grade.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntBiFunction;
import org.interp4j.decompose.DeltaLp;
import org.interp4j.decompose.DeltaLpStep;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;

/**
 * 05.top-source: the most important source of one prediction, as a position, against
 * {@link DeltaLp#argmax}; any source within the tolerance of the largest ΔLP is accepted.
 */
final class TopSource extends FunctionExercise<ToIntBiFunction<int[], double[]>> {

    TopSource() {
        super("05.top-source", "topSource", generic(ToIntBiFunction.class),
                "(sources, deltas) -> source position",
                "the answer is a position from sources, not an index into the arrays; position 0 is the start token "
                        + "and never counts; with no other source there is no answer (-1). Negative ΔLPs still compete.",
                Tolerance.abs(1e-6));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(1105);
        List<Trial> out = new ArrayList<>();
        out.add(trial("sources 0..7, the start token has the largest ΔLP", range(0, 8), new float[] {
                6.1f, 0.2f, -0.4f, 1.3f, 0.05f, 0.9f, -1.2f, 0.7f}));
        out.add(trial("sources 0..10, the largest ΔLP at the last source", range(0, 11), new float[] {
                3f, 0.4f, 0.1f, -0.2f, 0.3f, 0.0f, 0.25f, -0.6f, 0.15f, 0.2f, 1.7f}));
        out.add(trial("a window: sources 9..14, no start token", range(9, 15), new float[] {
                0.3f, -0.1f, 2.2f, 0.4f, 1.1f, 0.8f}));
        out.add(trial("only the start token", range(0, 1), new float[] {4f}));
        out.add(trial("every ΔLP negative", range(0, 6), new float[] {-0.2f, -1.5f, -0.9f, -0.3f, -2f, -0.7f}));
        out.add(trial("two sources tied for the largest ΔLP", range(0, 7), new float[] {
                1f, 0.1f, 0.75f, 0.2f, 0.75f, -0.3f, 0.4f}));
        for (int n : new int[] {9, 13, 16}) {
            float[] delta = new float[n];
            for (int k = 0; k < n; k++) delta[k] = (float) (k == 0 ? 3 + r.nextDouble() : r.nextGaussian());
            out.add(trial("random ΔLPs of sources 0.." + (n - 1), range(0, n), delta));
        }
        return out;
    }

    private static int[] range(int from, int to) {
        int[] s = new int[to - from];
        for (int k = 0; k < s.length; k++) s[k] = from + k;
        return s;
    }

    /** ΔLP = LP − ablated LP, stored like a {@link DeltaLpStep}: the ablated LPs (for the library) and the ΔLPs. */
    private static Trial trial(String what, int[] sources, float[] delta) {
        float lp = -3.25f;
        float[] ablated = new float[delta.length];
        double[] deltas = new double[delta.length];
        for (int k = 0; k < delta.length; k++) {
            ablated[k] = lp - delta[k];
            deltas[k] = lp - ablated[k];
        }
        return new Trial(what, sources, deltas, ablated);
    }

    @Override
    protected Object apply(ToIntBiFunction<int[], double[]> f, Trial t, ExerciseContext context) {
        return f.applyAsInt(((int[]) t.args()[0]).clone(), ((double[]) t.args()[1]).clone());
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return DeltaLp.argmax((int[]) t.args()[0], (float[]) t.args()[2]);
    }

    /** Any source other than the start token whose ΔLP is within the tolerance of the library's choice. */
    @Override
    protected String compare(JsonNode got, JsonNode want, Trial t, ExerciseContext context) {
        if (got == null || !got.isIntegralNumber()) {
            return "the result should be a whole number (a source position)";
        }
        int[] sources = (int[]) t.args()[0];
        double[] deltas = (double[]) t.args()[1];
        int g = got.asInt();
        int w = want.asInt();
        if (w < 0) {
            return g == -1 ? null : "there is no source here other than the start token: the answer is -1";
        }
        if (g == -1) {
            return "the result is -1, but here a source other than the start token exists";
        }
        if (g == 0) {
            return "position 0 is the start token, which never counts";
        }
        int k = -1;
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] == g) k = i;
        }
        if (k < 0) {
            return "the result is not one of the source positions (an index into the arrays instead of a position?)";
        }
        double best = deltas[Arrays.binarySearch(sources, w)];
        return tolerance().accepts(deltas[k], best) || deltas[k] > best ? null
                : "the result is a source position, but another source has a larger ΔLP";
    }
}
