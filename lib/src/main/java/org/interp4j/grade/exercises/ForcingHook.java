package org.interp4j.grade.exercises;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.interp4j.grade.DataExport;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.Tolerance;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.Hooked;
import org.interp4j.hooks.Interventions;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import org.interp4j.steer.ForcedUnit;
import org.interp4j.steer.SelfConditioning;

/**
 * 02.forcing-hook: a hook that holds given units of an activation at given values at every
 * position, as self-conditioning does. The student's hook and the library's
 * ({@link SelfConditioning#hooks()}) each run in a forward pass of the same model on the same
 * text; the final hidden states must agree (read along a few fixed directions, see {@link ForcingHook#summary}).
 */
final class ForcingHook extends ModelExercise<BiFunction<int[], float[], Hook>> {

    /**
     * Both runs force the same values at the same point, so the outputs differ only by float
     * rounding in the forward pass. Measured on the default model across 1, 2 and 4 intra-op
     * threads (ExpertUnitsExercisesTest#forcingHookToleranceIsMeasuredAndForcingIsVisible, which
     * re-measures it on every run): the largest difference was 0.8% of this tolerance,
     * while the forcing of each trial moves the output by 275 to 1,196 times the tolerance.
     */
    static final Tolerance TOLERANCE = new Tolerance(1e-2, 1e-3);

    /** Directions the final hidden state is read along: the whole state would not fit the way back from a notebook. */
    static final int DIRECTIONS = 16;

    ForcingHook() {
        super("02.forcing-hook", "forcingHook", generic(BiFunction.class),
                "(units, values) -> a Hook",
                "a hook gets the activation [batch, position, unit] and returns the array the model goes on "
                        + "with; that array must equal the activation except that unit units[i] holds values[i] "
                        + "at every position of every row.",
                TOLERANCE);
    }

    /** Trial arguments: hook point, units, values, text. Sizes come from the model's config. */
    @Override
    protected List<Trial> trials(ExerciseContext context) {
        LanguageModel m = context.model();
        int layers = m.config().nLayers();
        int mlp = m.config().dMlp();
        int d = m.config().dModel();
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("one unit of an early MLP forced to 4",
                "blocks." + layers / 6 + ".mlp.hook_post", new int[] {11}, new float[] {4f},
                "The children played in the park after school."));
        out.add(new Trial("the first, a middle and the last unit of a middle MLP, forced to different values",
                "blocks." + layers / 2 + ".mlp.hook_post", new int[] {mlp - 1, 0, mlp / 2}, new float[] {3f, -2f, 1.5f},
                "She opened the letter and began to read"));
        out.add(new Trial("two dimensions of the residual stream near the end",
                "blocks." + (layers - 2) + ".hook_resid_post", new int[] {d / 3, 5}, new float[] {-6f, 8f},
                "The team scored twice in the second half"));
        return out;
    }

    @Override
    protected Object apply(BiFunction<int[], float[], Hook> f, Trial t, ExerciseContext context) {
        Object[] a = t.args();
        Hook hook = f.apply(((int[]) a[1]).clone(), ((float[]) a[2]).clone());
        if (hook == null) {
            throw new IllegalStateException("forcingHook returned null instead of a Hook");
        }
        return summary(finalHidden(context.model(), (String) a[3], Hooked.at((String) a[0], hook)));
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return summary(finalHidden(context.model(), (String) t.args()[3], library(t).toArray(Hooked[]::new)));
    }

    /** The library's self-conditioning hooks for the trial's units and values. */
    static List<Hooked> library(Trial t) {
        Object[] a = t.args();
        int[] units = (int[]) a[1];
        float[] values = (float[]) a[2];
        List<ForcedUnit> forced = new ArrayList<>();
        for (int i = 0; i < units.length; i++) forced.add(new ForcedUnit((String) a[0], units[i], values[i], 1.0));
        return SelfConditioning.of(forced).hooks();
    }

    /** The final (post-norm) hidden state of the one row, [position][d_model]. */
    static float[][] finalHidden(LanguageModel model, String text, Hooked... hooks) {
        try (ModelOutput out = model.runWithHooks(text, hooks)) {
            NDArray h = out.lastHidden();
            int positions = (int) h.getShape().get(1);
            float[][] rows = new float[positions][];
            for (int p = 0; p < positions; p++) rows[p] = h.get(0, p).toFloatArray();
            return rows;
        }
    }

    /**
     * The final hidden state of every position along {@value #DIRECTIONS} fixed ±1 directions:
     * [position][direction]. A ±1 direction keeps the size of any change (its dot product with
     * a change vector is about as large as the vector), so a hook that moves the state anywhere
     * moves these numbers, and the output stays small enough to send back from the notebook.
     */
    static float[][] summary(float[][] hidden) {
        Random r = new Random(1);
        int d = hidden.length == 0 ? 0 : hidden[0].length;
        float[][] signs = new float[DIRECTIONS][d];
        for (float[] row : signs) for (int i = 0; i < d; i++) row[i] = r.nextBoolean() ? 1f : -1f;
        float[][] out = new float[hidden.length][DIRECTIONS];
        for (int p = 0; p < hidden.length; p++) {
            for (int k = 0; k < DIRECTIONS; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) dot += (double) signs[k][i] * hidden[p][i];
                out[p][k] = (float) dot; // floats: half the characters on the way back, rounding far below the tolerance
            }
        }
        return out;
    }

    /** Names two common mistakes (nothing forced; only the last position forced) before the generic message. */
    @Override
    protected String compare(JsonNode got, JsonNode want, Trial trial, ExerciseContext context) {
        String problem = super.compare(got, want, trial, context);
        if (problem == null) {
            return null;
        }
        LanguageModel m = context.model();
        Object[] a = trial.args();
        String text = (String) a[3];
        if (matches(got, summary(finalHidden(m, text)), context)) {
            return "the model ran as if there were no hook: return the changed array (the hook's return value "
                    + "replaces the activation), and change the units you were given";
        }
        Hook last = lastPositionOnly(Interventions.set((int[]) a[1], (float[]) a[2]));
        if (matches(got, summary(finalHidden(m, text, Hooked.at((String) a[0], last))), context)) {
            return "only the last position is forced; self-conditioning holds the units at every position";
        }
        return problem;
    }

    private boolean matches(JsonNode got, float[][] other, ExerciseContext context) {
        return super.compare(got, DataExport.tree(other), null, context) == null;
    }

    /** {@code hook} at the last position of each call only: a diagnosis, not a forcing the lecture uses. */
    static Hook lastPositionOnly(Hook hook) {
        return (x, ctx) -> {
            NDArray changed = hook.apply(x, ctx);
            if (changed == null || x.getShape().get(1) == 1) return changed;
            return x.get(":, :-1").concat(changed.get(":, -1:"), 1);
        };
    }
}
