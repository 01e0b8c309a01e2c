package org.interp4j.grade.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.interp4j.ablate.TokenFrequencies;
import org.interp4j.ablate.UnigramDirection;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;

/**
 * 04.unigram-direction: the frequency direction in vocabulary space from raw token counts:
 * add-one smoothing, log, centring, unit length. Pure arithmetic on given counts.
 */
final class UnigramDirectionByHand extends FunctionExercise<Function<long[], double[]>> {

    UnigramDirectionByHand() {
        // The library stores u in float: entries below 1 agree with a double computation to ~1e-7.
        super("04.unigram-direction", "unigramDirection", generic(Function.class),
                "counts -> u (one entry per token)",
                "smooth first (every count plus one, divided by the new total), so that tokens never seen still have a "
                        + "finite log; then take logs, subtract their mean over the whole vocabulary, and divide by the "
                        + "Euclidean length.",
                Tolerance.abs(2e-6));
    }

    @Override
    protected List<Trial> trials(ExerciseContext context) {
        Random r = new Random(404);
        List<Trial> out = new ArrayList<>();
        out.add(new Trial("6 tokens, two of them never seen", (Object) new long[] {10, 0, 3, 0, 1, 250}));
        out.add(new Trial("4 tokens, one very frequent", (Object) new long[] {100000, 5, 5, 1}));
        long[] zipf = new long[300];
        for (int i = 0; i < zipf.length; i++) zipf[i] = r.nextDouble() < 0.3 ? 0 : Math.round(5000.0 / (1 + r.nextInt(300)));
        out.add(new Trial("300 Zipf-like counts with many zeros", (Object) zipf));
        // The outputs travel back from the notebook's JVM as one JShell string value, which JShell cuts at
        // about 21,800 characters: all trials together stay well below (about 500 numbers).
        long[] big = new long[200];
        for (int i = 0; i < big.length; i++) big[i] = (long) Math.floor(Math.exp(r.nextGaussian() * 2.5));
        out.add(new Trial("200 log-normal counts", (Object) big));
        return out;
    }

    @Override
    protected Object apply(Function<long[], double[]> f, Trial t, ExerciseContext context) {
        return f.apply(((long[]) t.args()[0]).clone());
    }

    @Override
    protected Object reference(Trial t, ExerciseContext context) {
        return UnigramDirection.of(TokenFrequencies.ofCounts((long[]) t.args()[0])).vocab();
    }
}
