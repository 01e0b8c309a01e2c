package org.interp4j.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.interp4j.io.HubNames;

/**
 * Turns what a user typed into a loaded model: a folder, a {@code .gguf} file, one of the kit's
 * model names, or a Hugging Face hub id (resolved through the standard HF cache).
 */
final class ModelSource {
    /** The kit's own names, for models that need no hub. */
    static final String DEFAULT_MODEL = "smollm2-135m";
    static final String DEFAULT_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf";

    /** Hub ids the kit is known to work with (also used to suggest a name after a typo). */
    static final List<String> KNOWN_HUB_IDS = List.of(
            "gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl", "distilgpt2",
            "EleutherAI/pythia-14m", "EleutherAI/pythia-70m", "EleutherAI/pythia-70m-deduped",
            "EleutherAI/pythia-160m", "EleutherAI/pythia-160m-deduped", "EleutherAI/pythia-410m",
            "EleutherAI/pythia-410m-deduped", "EleutherAI/pythia-1b-deduped",
            "facebook/opt-125m", "facebook/opt-1.3b", "facebook/opt-2.7b",
            "HuggingFaceTB/SmolLM2-135M", "HuggingFaceTB/SmolLM2-135M-Instruct", "HuggingFaceTB/SmolLM2-360M",
            "TinyLlama/TinyLlama-1.1B-Chat-v1.0");

    private ModelSource() {}

    /** Where the kit keeps its own files: {@code $INTERP4J_HOME}, else {@code ~/.cache/interp4j}. */
    static Path home() {
        String env = System.getenv("INTERP4J_HOME");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "interp4j");
    }

    static Path defaultModelFile() {
        return home().resolve("models").resolve(DEFAULT_FILE);
    }

    static LanguageModel open(String spec, String revision, org.interp4j.io.HubSettings hub) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("No model given: try LanguageModel.load(\"" + DEFAULT_MODEL + "\").");
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) return LanguageModel.fromDirectory(path, path.getFileName().toString());
        if (spec.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
            if (!Files.exists(path)) throw new IOException("No GGUF file at " + path.toAbsolutePath() + ".");
            return GgufModels.load(path, path.getFileName().toString());
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.equals(DEFAULT_MODEL) || lower.equals("default") || lower.equals("smollm2-135m-instruct")) {
            Path file = defaultModelFile();
            if (!Files.exists(file)) {
                throw new IOException("The default model is not installed at " + file
                        + ". Run `make setup` (or environment/setup.sh) once to fetch it.");
            }
            return GgufModels.load(file, DEFAULT_MODEL);
        }
        if (spec.contains("/") || KNOWN_HUB_IDS.contains(spec)) {
            return HubModels.load(spec, revision, hub);
        }
        throw new IllegalArgumentException("Unknown model '" + spec + "'. Did you mean " + String.join(", ", closest(spec))
                + "? Give a kit name (" + DEFAULT_MODEL + "), a hub id such as gpt2 or org/name, a folder or a .gguf file.");
    }

    static List<String> closest(String spec) {
        List<String> all = new java.util.ArrayList<>(KNOWN_HUB_IDS);
        all.add(DEFAULT_MODEL);
        String s = spec.toLowerCase(Locale.ROOT);
        return all.stream().sorted(Comparator.comparingInt(n -> distance(s, n.toLowerCase(Locale.ROOT))))
                .limit(3).toList();
    }

    /** 0 if the typed name is part of a known id, else the edit distance to the id or its name part. */
    private static int distance(String typed, String known) {
        return known.contains(typed) ? 0 : HubNames.distance(typed, known);
    }
}
