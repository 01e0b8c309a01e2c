package org.interp4j.steer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import org.interp4j.data.ConceptSet;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.Hooked;
import org.interp4j.model.GenerateOptions;
import org.interp4j.model.LanguageModel;

/**
 * Evaluates conditioned generation over a range of strengths (number of forced experts, or the
 * transport strength λ) and several seeds, as the papers do: each prompt is continued under each
 * strength with the same seeds, then the continuations are scored for concept presence (share
 * that mention a concept word) and for perplexity under the unsteered model. All prompts × seeds of
 * one strength are generated as one batch (KV cache, one sampler seed per row).
 * <pre>{@code
 * SweepResult r = SteeringSweep.of(model, ConceptSet.load("sport"))
 *         .prompts(List.of("Once upon a time", "The weather today"))
 *         .seeds(0, 1, 2)
 *         .selfConditioning(SelfConditioning.top(expertise, 100), 0, 10, 50, 100);
 * r.summary();  r.chart();
 * }</pre>
 */
public final class SteeringSweep {

    /** Prompts without any concept, for when none are given. */
    public static final List<String> NEUTRAL_PROMPTS = List.of("Once upon a time", "The best thing about",
            "I was thinking about", "Yesterday, my friend told me");

    private final LanguageModel model;
    private final ConceptSet concept;
    private List<String> prompts = NEUTRAL_PROMPTS;
    private long[] seeds = {0, 1, 2};
    private GenerateOptions options = GenerateOptions.sampling(20, 1.0, 0).ignoringEos();
    private PrintStream progress;

    private SteeringSweep(LanguageModel model, ConceptSet concept) {
        this.model = model;
        this.concept = concept;
    }

    public static SteeringSweep of(LanguageModel model, ConceptSet concept) {
        return new SteeringSweep(model, concept);
    }

    public SteeringSweep prompts(List<String> p) {
        if (p.isEmpty()) throw new IllegalArgumentException("Give at least one prompt to continue.");
        this.prompts = List.copyOf(p);
        return this;
    }

    /** Seeds of the sampler; every strength uses the same ones, so differences come from steering. */
    public SteeringSweep seeds(long... s) {
        if (s.length == 0) throw new IllegalArgumentException("Give at least one seed.");
        this.seeds = s.clone();
        return this;
    }

    /** Generation settings (default: 20 tokens sampled at temperature 1); the seed is replaced per run. */
    public SteeringSweep options(GenerateOptions o) {
        this.options = o;
        return this;
    }

    public SteeringSweep progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** Sweeps the number of forced experts (0 = the unsteered model). */
    public SweepResult selfConditioning(SelfConditioning experts, int... numUnits) {
        experts.check(model);
        double[] s = new double[numUnits.length];
        for (int i = 0; i < s.length; i++) s[i] = numUnits[i];
        return run("units", s, k -> experts.top((int) k).hooks());
    }

    /** Sweeps the transport strength λ (0 = the unsteered model). */
    public SweepResult transport(TransportMap map, double... lambdas) {
        for (double l : lambdas) TransportMap.checkStrength(l);
        map.check(model);
        return run("lambda", lambdas, map::hooks);
    }

    /** Sweeps the coefficient c of a mean-difference vector (0 = the unsteered model). */
    public SweepResult meanDifference(MeanDifference vector, double... coefs) {
        vector.check(model);
        return run("coef", coefs, vector::hooks);
    }

    /** Any steering: {@code steering} gives the hooks for a strength. */
    public SweepResult run(String strengthName, double[] strengths, DoubleFunction<List<Hooked>> steering) {
        if (strengths.length == 0) throw new IllegalArgumentException("Give at least one strength to try.");
        long[][] promptIds = new long[prompts.size()][];
        for (int i = 0; i < promptIds.length; i++) promptIds[i] = model.tokenize(prompts.get(i));
        List<SweepResult.Run> runs = new ArrayList<>();
        int p = promptIds.length;
        // every prompt × seed of one strength in one batch: row (seed s, prompt i) samples with seed s + i,
        // exactly what generate(promptIds, options.withSeed(s)) gives it
        long[][] rows = new long[seeds.length * p][];
        long[] rowSeeds = new long[rows.length];
        for (int s = 0; s < seeds.length; s++) {
            for (int i = 0; i < p; i++) {
                rows[s * p + i] = promptIds[i];
                rowSeeds[s * p + i] = seeds[s] + i;
            }
        }
        for (double strength : strengths) {
            List<Hooked> hooks = steering.apply(strength);
            long[][] fresh;
            List<HookHandle> handles = new ArrayList<>();
            try {
                for (Hooked h : hooks) handles.add(model.addHook(h.name(), h.hook()));
                fresh = model.generate(rows, options, rowSeeds);
            } finally {
                handles.forEach(HookHandle::remove);
            }
            // scored by the model without steering hooks
            Perplexity.Score[] all = Perplexity.score(model, rows, fresh, 8);
            for (int s = 0; s < seeds.length; s++) {
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < p; i++) texts.add(model.decode(fresh[s * p + i]));
                Perplexity.Score[] scores = Arrays.copyOfRange(all, s * p, (s + 1) * p);
                runs.add(new SweepResult.Run(strength, seeds[s], texts, concept.presence(texts), Perplexity.pooled(scores)));
                if (progress != null) {
                    progress.printf("%s %s seed %d: presence %.2f perplexity %.1f%n", strengthName,
                            SweepResult.format(strength), seeds[s], runs.get(runs.size() - 1).presence(),
                            runs.get(runs.size() - 1).perplexity());
                }
            }
        }
        return new SweepResult(concept.name(), strengthName, prompts, runs);
    }
}
