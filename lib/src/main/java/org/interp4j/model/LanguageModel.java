package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.interp4j.hooks.ActivationCache;
import org.interp4j.hooks.Hook;
import org.interp4j.hooks.HookHandle;
import org.interp4j.hooks.HookPoints;
import org.interp4j.hooks.HookRegistry;
import org.interp4j.hooks.Hooked;
import org.interp4j.io.Checkpoint;
import org.interp4j.io.HubSettings;
import org.interp4j.tokenize.Tokenizer;

/**
 * A language model whose every activation can be read and changed: the one entry point of the kit.
 * <pre>{@code
 * var model = LanguageModel.load("smollm2-135m");
 * try (var out = model.runWithCache("The cat sat", "blocks.*.mlp.hook_post")) {
 *     NDArray neurons = out.cache().get("blocks.3.mlp.hook_post");
 * }
 * }</pre>
 * Runs are float32 on the CPU; each returns a {@link ModelOutput} that owns its memory.
 */
public final class LanguageModel implements AutoCloseable {
    static {
        // The kit never fetches engine files at run time: the PyTorch native library ships as a jar.
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    private final String name;
    private final ModelConfig config;
    private final NDManager manager;
    private final Transformer transformer;
    private final Tokenizer tokenizer;
    private final HookPoints points;
    private final HookRegistry hooks;
    private final Weights weights;
    private final Runner runner;

    LanguageModel(String name, ModelConfig config, NDManager manager, Weights weights, Tokenizer tokenizer) {
        this.name = name;
        this.weights = weights;
        this.config = config;
        this.manager = manager;
        this.transformer = switch (config.architecture()) {
            case GPT2 -> new Gpt2(config, weights);
            case GPT_NEOX -> new GptNeoX(config, weights);
            case OPT -> new Opt(config, weights);
            case LLAMA -> new Llama(config, weights);
        };
        this.tokenizer = tokenizer;
        this.points = new HookPoints(config.nLayers(), config.learnedPositions());
        this.hooks = new HookRegistry(points);
        this.runner = new Runner(transformer, config, points, hooks, manager);
    }

    // ---- loading --------------------------------------------------------------------------------

    /**
     * Loads a model by name ({@code smollm2-135m}, the kit's offline default), hub id
     * ({@code gpt2}, {@code EleutherAI/pythia-70m-deduped}), folder (config.json + safetensors) or
     * {@code .gguf} file.
     */
    public static LanguageModel load(String spec) {
        return load(spec, "main");
    }

    /** As {@link #load(String)}, at a hub revision (branch, tag or commit), e.g. Pythia's {@code step3000}. */
    public static LanguageModel load(String spec, String revision) {
        return load(spec, revision, HubSettings.fromEnvironment());
    }

    /** As {@link #load(String, String)}, with explicit hub settings (cache folder, endpoint, offline, token). */
    public static LanguageModel load(String spec, String revision, HubSettings hub) {
        try {
            return ModelSource.open(spec, revision, hub);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** A folder with config.json and model.safetensors (or a sharded index); tokenizer.json if present. */
    public static LanguageModel fromDirectory(Path dir, String name) throws IOException {
        ModelConfig config = ModelConfig.read(dir.resolve("config.json"));
        NDManager manager = NDManager.newBaseManager();
        Tokenizer tokenizer = null;
        try {
            Weights weights = new Weights(Checkpoint.load(dir, manager), dir.toString());
            Path tok = dir.resolve("tokenizer.json");
            tokenizer = Files.exists(tok) ? Tokenizer.fromFile(tok) : null;
            return new LanguageModel(name, config, manager, weights, tokenizer);
        } catch (IOException | RuntimeException e) {
            if (tokenizer != null) tokenizer.close();   // a native HF tokenizer: freed, not left to the GC
            manager.close();
            throw e;
        }
    }

    // ---- what the model is ----------------------------------------------------------------------

    public String name() {
        return name;
    }

    public ModelConfig config() {
        return config;
    }

    /** Every hook point name, in the order the forward pass reaches them. */
    public List<String> hookPoints() {
        return points.all();
    }

    /**
     * A weight tensor under its HF name without the family prefix (e.g. {@code h.0.mlp.c_proj.weight}
     * for GPT-2, {@code layers.0.mlp.down_proj.weight} for Llama), as stored: nn.Linear weights are
     * [out, in], GPT-2's Conv1D weights [in, out]. Read-only: the model uses the same memory.
     */
    public NDArray parameter(String name) {
        return weights.get(name);
    }

    /** Names accepted by {@link #parameter(String)}. */
    public java.util.Set<String> parameterNames() {
        return weights.names();
    }

    public Tokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("Model " + name + " has no tokenizer (no tokenizer.json next to its weights): "
                    + "pass token ids instead of text.");
        }
        return tokenizer;
    }

    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    /** Token ids of a text, as the model's own tokenizer makes them. */
    public long[] tokenize(String text) {
        return tokenizer().encode(text);
    }

    /** Each token of a text as a string (e.g. "ĠParis" for byte-level BPE). */
    public String[] tokens(String text) {
        return tokenizer().tokens(text);
    }

    public String decode(long... ids) {
        return tokenizer().decode(ids);
    }

    // ---- hooks ----------------------------------------------------------------------------------

    /** Attaches a hook until the handle is closed (or {@link #resetHooks()}). */
    public HookHandle addHook(String nameOrPattern, Hook hook) {
        return hooks.add(nameOrPattern, hook);
    }

    /** Removes every hook left attached (e.g. by a notebook cell that was interrupted). */
    public void resetHooks() {
        hooks.clear();
    }

    // ---- running --------------------------------------------------------------------------------

    public ModelOutput run(String text) {
        return run(batch(List.of(text)));
    }

    /** Several texts at once, right-padded with a mask as HF does. */
    public ModelOutput run(List<String> texts) {
        return run(batch(texts));
    }

    /** Rows of token ids (rows may differ in length: they are right-padded and masked). */
    public ModelOutput run(long[]... ids) {
        return run(Batch.of(ids, config.padId(), Batch.Side.RIGHT));
    }

    public ModelOutput run(Batch batch) {
        return runner.execute(batch, null, List.of());
    }

    /** Runs once with extra hooks that are removed afterwards, whatever happens. */
    public ModelOutput runWithHooks(Batch batch, Hooked... extra) {
        return runner.execute(batch, null, Arrays.asList(extra));
    }

    public ModelOutput runWithHooks(String text, Hooked... extra) {
        return runWithHooks(batch(List.of(text)), extra);
    }

    /**
     * Runs once with hooks that only read, as far as the deepest of them needs and no further
     * (TransformerLens's {@code stop_at_layer}, found from the hook names): reading the q, k, v of
     * every block skips the final norm and the unembedding; reading block 3 skips blocks 4 and up.
     * There are no logits. The hooks are removed afterwards, whatever happens.
     */
    public void runForActivations(Batch batch, Hooked... readers) {
        runner.runForActivations(batch, readers);
    }

    /**
     * Runs once and records the activations at the given names or patterns (none: every point).
     * The cache lives in the returned output.
     */
    public ModelOutput runWithCache(Batch batch, String... names) {
        return runner.execute(batch, runner.wanted(names), List.of());
    }

    public ModelOutput runWithCache(String text, String... names) {
        return runWithCache(batch(List.of(text)), names);
    }

    public ModelOutput runWithCache(long[][] ids, String... names) {
        return runWithCache(Batch.of(ids, config.padId(), Batch.Side.RIGHT), names);
    }

    private Batch batch(List<String> texts) {
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = tokenize(texts.get(i));
        return Batch.of(rows, config.padId(), Batch.Side.RIGHT);
    }

    // ---- generation -----------------------------------------------------------------------------

    /** The prompt's continuation as text (the prompt itself not included). */
    public String generate(String prompt, GenerateOptions options) {
        long[] ids = generate(new long[][] {tokenize(prompt)}, options)[0];
        return decode(ids);
    }

    /**
     * New token ids for each prompt (prompts are left-padded so they end together). Hooks attached
     * to the model apply at every step; with a KV cache each step runs only the newest token.
     */
    public long[][] generate(long[][] prompts, GenerateOptions options) {
        return generate(prompts, options, Generator.rowSeeds(prompts.length, options));
    }

    /**
     * As {@link #generate(long[][], GenerateOptions)}, with the sampling seed of each row given:
     * row i continues exactly as it would alone with {@code options.withSeed(seeds[i])}, so one
     * batch can hold every prompt × seed of a sweep (the options' own seed is not used).
     */
    public long[][] generate(long[][] prompts, GenerateOptions options, long[] seeds) {
        return generate(prompts, options, seeds, null);
    }

    /**
     * As {@link #generate(long[][], GenerateOptions)}, also recording the activations of every step
     * at the given names or patterns (none: every point), as one forward pass over the sequence would
     * have them: per-token points concatenated along positions, attention scores and patterns row by
     * row (keys not yet seen are masked). The sequence is the left-padded prompts and every generated
     * token but the last, which the model chose and never ran. Close the result to free the cache.
     */
    public Generation generateWithCache(long[][] prompts, GenerateOptions options, String... names) {
        ActivationCache cache = new ActivationCache(manager, runner.wanted(names));
        try {
            return new Generation(generate(prompts, options, Generator.rowSeeds(prompts.length, options), cache), cache);
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    private long[][] generate(long[][] prompts, GenerateOptions options, long[] seeds, ActivationCache activations) {
        return new Generator(transformer, config, hooks, manager, tokenizer).generate(prompts, options, seeds, activations);
    }

    @Override
    public void close() {
        hooks.clear();
        if (tokenizer != null) tokenizer.close();
        manager.close();
    }

    @Override
    public String toString() {
        return "LanguageModel[" + name + ", " + config.architecture() + ", " + config.nLayers() + " layers, d_model "
                + config.dModel() + ", vocab " + config.vocabSize() + "]";
    }

    /** Weights and tokenizer already read from some source (used by the GGUF and hub loaders). */
    static LanguageModel of(String name, ModelConfig config, NDManager manager, Map<String, NDArray> tensors,
                            String source, Tokenizer tokenizer) {
        return new LanguageModel(name, config, manager, new Weights(tensors, source), tokenizer);
    }
}
