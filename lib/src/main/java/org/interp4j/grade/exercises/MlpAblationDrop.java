package org.interp4j.grade.exercises;

import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.interp4j.ablate.Ablation;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.Tolerance;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * 00.mlp-drop: how much zeroing one block's whole MLP output lowers the log-probability of the
 * token the clean model predicts next; the library's answer uses {@link Ablation#zero}.
 */
final class MlpAblationDrop extends ModelExercise<ToDoubleBiFunction<String, Integer>> {

    MlpAblationDrop() {
        // Measured on the trials' prompts and layers with 1, 2 and 4 intra-op threads: the drops
        // (1 to 17 nats) moved by at most 2.7e-4. The tolerance is about 20 times that.
        super("00.mlp-drop", "mlpAblationDrop",
                generic(ToDoubleBiFunction.class),
                "(prompt, layer) -> drop in log-probability",
                "run the prompt once clean and once with blocks.{layer}.hook_mlp_out set to 0 for all d_model "
                        + "units; take the token the CLEAN run finds most likely at the last position; the drop "
                        + "is its clean log-probability minus its ablated log-probability (log-softmax, not logits)",
                new Tolerance(2e-3, 2e-4));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        // Prompts whose next token is clear (top-2 logit gap above 0.4), so both sides pick the same token.
        return List.of(
                new Trial("\"The capital of France is\", layer 11", "The capital of France is", 11),
                new Trial("\"Once upon a time, there was a little\", layer 20", "Once upon a time, there was a little", 20),
                new Trial("\"The opposite of hot is\", layer 8", "The opposite of hot is", 8));
    }

    @Override
    protected Object apply(ToDoubleBiFunction<String, Integer> f, Trial t, ExerciseContext context) {
        return f.applyAsDouble((String) t.args()[0], (Integer) t.args()[1]);
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        LanguageModel model = context.model();
        String prompt = (String) t.args()[0];
        int layer = (Integer) t.args()[1];
        int[] all = new int[model.config().dModel()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Ablation ablation = Ablation.zero(model, "blocks." + layer + ".hook_mlp_out", all);
        try (ModelOutput clean = model.run(prompt); ModelOutput ablated = model.runWithHooks(prompt, ablation.hooked())) {
            long token = clean.nextToken(0);
            double before = clean.logProbs().get("0, -1, " + token).getFloat();
            double after = ablated.logProbs().get("0, -1, " + token).getFloat();
            return before - after;
        }
    }
}
