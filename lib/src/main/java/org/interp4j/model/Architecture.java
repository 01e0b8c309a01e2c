package org.interp4j.model;

/** The model families the kit implements; each has one file with its forward pass. */
public enum Architecture {
    GPT2, GPT_NEOX, OPT, LLAMA;

    /** Maps HF's {@code model_type} (config.json) or GGUF's {@code general.architecture}. */
    public static Architecture fromModelType(String type) {
        return switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "gpt2" -> GPT2;
            case "gpt_neox", "gptneox", "gpt-neox" -> GPT_NEOX;
            case "opt" -> OPT;
            case "llama", "mistral", "qwen2", "smollm", "smollm2", "smollm3" -> LLAMA;
            default -> throw new IllegalArgumentException("Model type '" + type
                    + "' is not supported. Supported: gpt2, gpt_neox (Pythia), opt, llama "
                    + "(and Llama-family checkpoints such as SmolLM2 and Mistral).");
        };
    }
}
