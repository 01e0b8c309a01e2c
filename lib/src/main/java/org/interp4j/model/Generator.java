package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.interp4j.hooks.ActivationCache;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.HookRegistry;
import org.interp4j.tokenize.Tokenizer;

/**
 * The generation loop behind {@link LanguageModel#generate}: the prompts left-padded so they end
 * together, one forward call over them, then one call per new token that runs only that token
 * against the KV cache. Each row samples with its own seed and stops on its own (its later tokens
 * are padding the model still runs, so the batch stays rectangular), so a row gives exactly what it
 * would give alone.
 */
final class Generator {
    private final Transformer transformer;
    private final ModelConfig config;
    private final HookRegistry hooks;
    private final NDManager manager;
    private final Tokenizer tokenizer;

    Generator(Transformer transformer, ModelConfig config, HookRegistry hooks, NDManager manager, Tokenizer tokenizer) {
        this.transformer = transformer;
        this.config = config;
        this.hooks = hooks;
        this.manager = manager;
        this.tokenizer = tokenizer;
    }

    /** Row i samples with {@code options.seed() + i}, so each row of a batch draws differently. */
    static long[] rowSeeds(int rows, GenerateOptions options) {
        long[] seeds = new long[rows];
        for (int i = 0; i < rows; i++) seeds[i] = options.seed() + i;
        return seeds;
    }

    /** New tokens of each row; {@code activations}, if not null, records every step's activations. */
    long[][] generate(long[][] prompts, GenerateOptions options, long[] seeds, ActivationCache activations) {
        if (seeds.length != prompts.length) {
            throw new IllegalArgumentException("Got " + prompts.length + " prompts but " + seeds.length
                    + " seeds: give one seed per row.");
        }
        Batch batch = Batch.of(prompts, config.padId(), Batch.Side.LEFT);
        int b = batch.size(), steps = options.maxNewTokens();
        int longest = batch.length() + steps;
        if (longest > config.maxPositions()) {
            throw new IllegalArgumentException("Prompt (" + batch.length() + " tokens) plus " + steps
                    + " new tokens exceeds this model's context window of " + config.maxPositions()
                    + " tokens: shorten the prompt or ask for fewer tokens.");
        }
        Sampler[] samplers = new Sampler[b];
        for (int i = 0; i < b; i++) {
            samplers[i] = new Sampler(options.greedy(), options.temperature(), options.topK(), options.topP(), seeds[i]);
        }
        StopRules stops = new StopRules(options, config.eosTokenId(), tokenizer);
        long[][] produced = new long[b][steps];
        int[] count = new int[b];
        boolean[] done = new boolean[b];
        int[][] mask = batch.mask();
        long[][] next = batch.ids();
        HookHandle recording = activations == null ? null : hooks.addCache(activations);
        // the cache holds every position the batch will reach, so no step copies the past
        try (NDManager gen = manager.newSubManager(); KvCache cache = new KvCache(config.nLayers(), longest, gen)) {
            for (int step = 0; step < steps; step++) {
                float[] logits;
                int vocab;
                try (NDManager tmp = gen.newSubManager()) { // everything a step makes is freed with it
                    NDArray last = transformer.forward(tmp, next, mask, hooks, cache, step, true).logits().get(":, -1, :");
                    logits = last.toFloatArray();
                    vocab = (int) last.getShape().get(1);
                }
                boolean all = true;
                long[] chosen = new long[b];
                for (int i = 0; i < b; i++) {
                    if (done[i]) {
                        chosen[i] = config.padId();
                        continue;
                    }
                    chosen[i] = samplers[i].next(Arrays.copyOfRange(logits, i * vocab, (i + 1) * vocab));
                    produced[i][count[i]++] = chosen[i];
                    done[i] = stops.stopsAfter(produced[i], count[i]);
                    all &= done[i];
                }
                if (all) break;
                next = new long[b][1];
                for (int i = 0; i < b; i++) next[i][0] = chosen[i];
                mask = appendColumn(mask);
            }
        } finally {
            if (recording != null) recording.remove();
        }
        long[][] result = new long[b][];
        for (int i = 0; i < b; i++) result[i] = Arrays.copyOf(produced[i], count[i]);
        return result;
    }

    /** The mask one position longer: every row's new token counts as real (a finished row's only fill the batch). */
    private static int[][] appendColumn(int[][] mask) {
        int[][] grown = new int[mask.length][];
        for (int i = 0; i < mask.length; i++) {
            grown[i] = Arrays.copyOf(mask[i], mask[i].length + 1);
            grown[i][mask[i].length] = 1;
        }
        return grown;
    }
}
