package org.interp4j.grade.exercises;

import static org.interp4j.grade.exercises.LongTailAblationExercises.CASES;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import org.interp4j.ablate.Ablation;
import org.interp4j.ablate.Divergence;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.Tolerance;
import org.interp4j.model.Batch;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/**
 * 04.kl: KL(p ‖ q) of the softmax distributions of two logit rows, on synthetic rows that catch
 * overflow and cancellation and on a real clean/ablated pair.
 */
final class KlByHand extends ModelExercise<ToDoubleBiFunction<float[], float[]>> {

    KlByHand() {
        // The library works in double from float logits; a double computation agrees to ~1e-12. The real
        // rows come from a forward pass in each JVM (~1e-6 apart), which moves KL far less than 1e-3 of it.
        super("04.kl", "kl", generic(ToDoubleBiFunction.class),
                "(logitsP, logitsQ) -> KL(p || q) in nats",
                "turn each row into log-probabilities with a stable log-softmax (subtract the max, log-sum-exp) in "
                        + "double, then sum p·(log p − log q) term by term. Expanding it into entropy and cross-entropy "
                        + "and subtracting loses all precision when p and q are close.",
                new Tolerance(1e-7, 1e-3));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(4040);
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("two 4-token rows", new float[] {2f, 1f, 0f, -1f}, new float[] {0f, 0f, 1f, 3f}));
        out.add(new Trial("a row against itself shifted by a constant", new float[] {1f, 2f, 3f}, new float[] {11f, 12f, 13f}));
        out.add(new Trial("logits near 1000", new float[] {1000f, 999f, 990f}, new float[] {990f, 1000f, 995f}));
        float[] p = new float[49152];
        float[] q = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextGaussian() * 3);
            q[i] = p[i] + (float) (r.nextGaussian() * 0.01);
        }
        out.add(new Trial("49,152-token rows that differ very little", p, q));
        float[] q2 = new float[p.length];
        for (int i = 0; i < p.length; i++) q2[i] = (float) (r.nextGaussian() * 3);
        out.add(new Trial("two unrelated 49,152-token rows", p, q2));
        LanguageModel model = context.model();
        int last = model.config().nLayers() - 1;
        long[] row = model.tokenize(CASES.get(0).text());
        var off = Ablation.zero(model, "blocks." + last + ".mlp.hook_post",
                999 % model.config().dMlp(), 511 % model.config().dMlp(), 1022 % model.config().dMlp()).hooked();
        float[] clean;
        float[] ablated;
        try (ModelOutput o = model.run(row)) {
            clean = o.logitsAt(0, 6);
        }
        try (ModelOutput o = model.runWithHooks(Batch.of(new long[][] {row}, 0, Batch.Side.RIGHT), off)) {
            ablated = o.logitsAt(0, 6);
        }
        out.add(new Trial("the model's clean logits against those with three last-layer neurons zeroed", clean, ablated));
        return out;
    }

    @Override
    protected Object apply(ToDoubleBiFunction<float[], float[]> f, Trial t, ExerciseContext context) {
        return f.applyAsDouble(((float[]) t.args()[0]).clone(), ((float[]) t.args()[1]).clone());
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return Divergence.kl((float[]) t.args()[0], (float[]) t.args()[1]);
    }
}
