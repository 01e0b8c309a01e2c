package org.interp4j.grade.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.interp4j.ablate.Readout;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;

/** Implement-it exercises of lecture 04 (long-tail ablation). */
public final class LongTailAblationExercises {

    private LongTailAblationExercises() {
    }

    public static List<FunctionExercise<?>> all() {
        return List.of(new UnigramDirectionByHand(), new NeuronEffectByHand(false), new NeuronEffectByHand(true),
                new WordSurprisalByHand(), new KlByHand());
    }

    /**
     * The change in loss at one position when one last-layer neuron is set to another value, from the
     * pieces of the clean run: clean logits ℓ [vocab], the final residual x [d_model] (what enters the
     * final norm), the neuron's output row w [d_model], its logit direction v = (g ⊙ w)·W_U [vocab],
     * Δ = new value − clean activation, and the index of the real next token.
     */
    @FunctionalInterface
    public interface NeuronEffect {
        double deltaLoss(float[] logits, float[] resid, float[] outputRow, float[] logitDirection, float delta, int target);
    }

    /** A word's surprisal (nats) from the logits of every position of its row and where the word starts. */
    @FunctionalInterface
    public interface Surprisal {
        double of(float[][] logits, long[] row, int wordStart);
    }

    /** One position of a fixed text, a last-layer neuron and the value it is set to. */
    record Case(String text, int position, int neuron, float value) {
    }

    /** Fixed cases (no data-dependent choice, so every JVM builds the same inputs). */
    static final List<Case> CASES = List.of(
            new Case("The committee approved the proposal after a long discussion of its costs and benefits.", 9, 511, 0f),
            new Case("She opened the old wooden box and found a letter written by her grandmother.", 6, 1022, 0f),
            new Case("She opened the old wooden box and found a letter written by her grandmother.", 11, 645, 3f),
            new Case("In the spring the river floods the valley, and the farmers move their cattle uphill.", 7, 999, 4f));

    /** The clean pieces of one case, as the student's function receives them. */
    record Pieces(float[] logits, float[] resid, float[] outputRow, float[] logitDirection, float delta, int target,
                  long[] row) {
    }

    private static final Map<LanguageModel, List<Pieces>> PIECES = Collections.synchronizedMap(new WeakHashMap<>());

    static List<Pieces> pieces(LanguageModel model) {
        return PIECES.computeIfAbsent(model, LongTailAblationExercises::computePieces);
    }

    private static List<Pieces> computePieces(LanguageModel model) {
        int last = model.config().nLayers() - 1;
        int dMlp = model.config().dMlp();
        String post = "blocks." + last + ".mlp.hook_post";
        List<Pieces> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Readout readout = Readout.of(model, m);
            NDArray wOut = readout.neuronOutputWeights(last);
            for (Case c : CASES) {
                long[] row = model.tokenize(c.text());
                int n = c.neuron() % dMlp;
                try (ModelOutput o = model.runWithCache(new long[][] {row}, post, readout.finalResidualHook())) {
                    float[] logits = o.logitsAt(0, c.position());
                    float[] resid = o.cache().get(readout.finalResidualHook()).get(0, c.position()).toFloatArray();
                    float act = o.cache().get(post).get(0, c.position(), n).getFloat();
                    NDArray w = wOut.get(m, new NDIndex(n)).reshape(1, -1);
                    float[] v = readout.logitDirections(w).toFloatArray();
                    out.add(new Pieces(logits, resid, w.toFloatArray(), v, c.value() - act, (int) row[c.position() + 1], row));
                }
            }
        }
        return out;
    }

    /** Contexts whose next word the model finds hard, several split into more than one token. */
    static final String[][] WORDS = {
            {"He studied the ancient manuscripts of the", "monastery"},
            {"The lecturer's speech was long and", "sesquipedalian"},
            {"After the storm the fishermen repaired their", "nets"},
            {"The chemist measured the", "viscosity"},
            {"She poured the tea and handed him a", "cup"}};
}
