package org.interp4j.cli;

import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Option;

/**
 * {@code --model}, the same for every command that loads the kit's default model unless told
 * otherwise: one declaration, so its default and wording cannot drift apart between commands.
 */
final class ModelOption {

    @Option(names = "--model", defaultValue = "smollm2-135m",
            description = "Folder, .gguf file, hub id or kit model name (default: ${DEFAULT-VALUE}).")
    String model;

    LanguageModel load() {
        return LanguageModel.load(model);
    }
}
