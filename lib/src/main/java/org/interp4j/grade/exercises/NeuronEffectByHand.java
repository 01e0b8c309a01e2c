package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.LongTailAblationExercises.CASES;
import static org.interp4j.grade.exercises.LongTailAblationExercises.pieces;

import java.util.ArrayList;
import java.util.List;
import org.interp4j.ablate.Ablation;
import org.interp4j.ablate.Divergence;
import org.interp4j.ablate.NeuronEffects;
import org.interp4j.ablate.ScoredTexts;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.Tolerance;
import org.interp4j.grade.exercises.LongTailAblationExercises.Case;
import org.interp4j.grade.exercises.LongTailAblationExercises.NeuronEffect;
import org.interp4j.grade.exercises.LongTailAblationExercises.Pieces;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * 04.direct-effect and 04.total-effect: Δloss of one neuron's ablation at one position, with the
 * final norm's scale frozen (direct, against the library's mediation analysis) or recomputed
 * (total, against a real forward pass with the neuron set by a hook).
 */
final class NeuronEffectByHand extends ModelExercise<NeuronEffect> {
    private final boolean total;

    NeuronEffectByHand(boolean total) {
        // Both sides compute from the same float32 pieces of one model; the library sums its softmax in
        // float32 (or runs a whole forward pass), which moves Δloss by ~1e-5 on these cases. Every case
        // has |Δloss| well above the tolerance, and direct and total differ by more than it on several.
        super(total ? "04.total-effect" : "04.direct-effect", total ? "totalEffect" : "directEffect", NeuronEffect.class,
                "(logits, resid, outputRow, logitDirection, delta, target) -> change in loss",
                total ? "the residual becomes x + Δ·w; recompute the RMSNorm scale s' = sqrt(mean(x'²) + ε) on it; the new "
                        + "logits are (s/s')·ℓ + (Δ/s')·v. Loss is log-sum-exp of the logits minus the target's logit; "
                        + "return new loss minus clean loss (in double, with the max subtracted before exp)."
                        : "keep the final norm's scale s = sqrt(mean(x²) + ε) of the clean residual: the new logits are "
                        + "ℓ + (Δ/s)·v. Loss is log-sum-exp of the logits minus the target's logit; return new loss minus "
                        + "clean loss (in double, with the max subtracted before exp).",
                new Tolerance(3e-4, 1e-2));
        this.total = total;
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        List<Pieces> ps = pieces(context.model());
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Case c = CASES.get(i);
            out.add(new Trial("neuron " + c.neuron() + " set to " + c.value() + " at position " + c.position()
                    + " of a test sentence", ps.get(i), c));
        }
        return out;
    }

    @Override
    protected Object apply(NeuronEffect f, Trial t, ExerciseContext context) {
        Pieces p = (Pieces) t.args()[0];
        return f.deltaLoss(p.logits().clone(), p.resid().clone(), p.outputRow().clone(), p.logitDirection().clone(),
                p.delta(), p.target());
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        LanguageModel model = context.model();
        Pieces p = (Pieces) t.args()[0];
        Case c = (Case) t.args()[1];
        int n = c.neuron() % model.config().dMlp();
        int last = model.config().nLayers() - 1;
        if (total) {
            var hook = Ablation.constant(model, "blocks." + last + ".mlp.hook_post", new int[] {n},
                    new float[] {c.value()}).hooked();
            float[] ablated;
            try (ModelOutput o = model.runWithHooks(Batch.of(new long[][] {p.row()}, 0, Batch.Side.RIGHT), hook)) {
                ablated = o.logitsAt(0, c.position());
            }
            // the clean logits come from this JVM's own run of the same row (trials are rebuilt where the check runs)
            return loss(ablated, p.target()) - loss(p.logits(), p.target());
        }
        float[] means = new float[model.config().dMlp()];
        means[n] = c.value();
        ScoredTexts one = new ScoredTexts(new long[][] {p.row()}, new int[][] {{c.position()}}, new int[] {-1});
        return NeuronEffects.of(model).neurons(n).means(means).compute(one).doubleColumn("delta_loss_direct").getDouble(0);
    }

    private static double loss(float[] logits, int target) {
        return -Divergence.logSoftmax(logits)[target];
    }
}
