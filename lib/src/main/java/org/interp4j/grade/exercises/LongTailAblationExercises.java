package org.interp4j.grade.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import org.interp4j.ablate.Ablation;
import org.interp4j.ablate.Divergence;
import org.interp4j.ablate.NeuronEffects;
import org.interp4j.ablate.Readout;
import org.interp4j.ablate.ScoredTexts;
import org.interp4j.ablate.TokenFrequencies;
import org.interp4j.ablate.UnigramDirection;
import org.interp4j.ablate.WordSurprisal;
import org.interp4j.grade.ExerciseContext;
import org.interp4j.grade.FunctionExercise;
import org.interp4j.grade.Tolerance;
import org.interp4j.model.Batch;
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

    /**
     * 04.unigram-direction: the frequency direction in vocabulary space from raw token counts:
     * add-one smoothing, log, centring, unit length. Pure arithmetic on given counts.
     */
    static final class UnigramDirectionByHand extends FunctionExercise<Function<long[], double[]>> {

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

    /** One position of a fixed text, a last-layer neuron and the value it is set to. */
    private record Case(String text, int position, int neuron, float value) {
    }

    /** Fixed cases (no data-dependent choice, so every JVM builds the same inputs). */
    private static final List<Case> CASES = List.of(
            new Case("The committee approved the proposal after a long discussion of its costs and benefits.", 9, 511, 0f),
            new Case("She opened the old wooden box and found a letter written by her grandmother.", 6, 1022, 0f),
            new Case("She opened the old wooden box and found a letter written by her grandmother.", 11, 645, 3f),
            new Case("In the spring the river floods the valley, and the farmers move their cattle uphill.", 7, 999, 4f));

    /** The clean pieces of one case, as the student's function receives them. */
    private record Pieces(float[] logits, float[] resid, float[] outputRow, float[] logitDirection, float delta, int target,
                          long[] row) {
    }

    private static final Map<LanguageModel, List<Pieces>> PIECES = Collections.synchronizedMap(new WeakHashMap<>());

    private static List<Pieces> pieces(LanguageModel model) {
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

    /**
     * 04.direct-effect and 04.total-effect: Δloss of one neuron's ablation at one position, with the
     * final norm's scale frozen (direct, against the library's mediation analysis) or recomputed
     * (total, against a real forward pass with the neuron set by a hook).
     */
    static final class NeuronEffectByHand extends FunctionExercise<NeuronEffect> {
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
        public List<String> context() {
            return NEEDS_MODEL;
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

    /** Contexts whose next word the model finds hard, several split into more than one token. */
    private static final String[][] WORDS = {
            {"He studied the ancient manuscripts of the", "monastery"},
            {"The lecturer's speech was long and", "sesquipedalian"},
            {"After the storm the fishermen repaired their", "nets"},
            {"The chemist measured the", "viscosity"},
            {"She poured the tea and handed him a", "cup"}};

    /**
     * 04.surprisal: a word's surprisal from its tokens' log-probabilities, each token given the context
     * and the word's earlier tokens (the library's {@link WordSurprisal}).
     */
    static final class WordSurprisalByHand extends FunctionExercise<Surprisal> {

        WordSurprisalByHand() {
            // The same row through the same model; only the summation differs (float log-softmax in the
            // library): agreement to ~1e-5 nats on surprisals of 1-40 nats.
            super("04.surprisal", "surprisal", Surprisal.class, "(logits, row, wordStart) -> surprisal in nats",
                    "token k of the row is predicted by the logits at position k − 1; sum −log softmax over every token of "
                            + "the word, from wordStart to the end of the row (natural log).",
                    new Tolerance(1e-3, 1e-4));
        }

        @Override
        public List<String> context() {
            return NEEDS_MODEL;
        }

        @Override
        protected List<Trial> trials(ExerciseContext context) {
            LanguageModel model = context.model();
            List<Trial> out = new ArrayList<>();
            for (String[] cw : WORDS) {
                ScoredTexts s = ScoredTexts.ofWords(model, List.of(cw[0]), List.of(cw[1]));
                long[] row = s.rows()[0];
                float[][] logits = new float[row.length][];
                try (ModelOutput o = model.run(row)) {
                    for (int k = 0; k < row.length; k++) logits[k] = o.logitsAt(0, k);
                }
                out.add(new Trial("the word \"" + cw[1] + "\" (" + (row.length - s.wordStart()[0]) + " tokens) after \""
                        + cw[0] + "\"", logits, row, s.wordStart()[0], s));
            }
            return out;
        }

        @Override
        protected Object apply(Surprisal f, Trial t, ExerciseContext context) {
            float[][] logits = (float[][]) t.args()[0];
            float[][] copy = new float[logits.length][];
            for (int k = 0; k < logits.length; k++) copy[k] = logits[k].clone();
            return f.of(copy, ((long[]) t.args()[1]).clone(), (int) t.args()[2]);
        }

        @Override
        protected Object reference(Trial t, ExerciseContext context) {
            return WordSurprisal.compute(context.model(), (ScoredTexts) t.args()[3], 1)[0];
        }
    }

    /**
     * 04.kl: KL(p ‖ q) of the softmax distributions of two logit rows, on synthetic rows that catch
     * overflow and cancellation and on a real clean/ablated pair.
     */
    static final class KlByHand extends FunctionExercise<ToDoubleBiFunction<float[], float[]>> {

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
        public List<String> context() {
            return NEEDS_MODEL;
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
}
