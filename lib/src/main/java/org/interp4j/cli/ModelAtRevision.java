package org.interp4j.cli;

import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --model} with {@code --revision}, for the commands that may load a model at a hub branch, tag or commit. */
final class ModelAtRevision {

    @Mixin
    ModelOption choice;

    @Option(names = "--revision", defaultValue = "main", description = "Hub revision: branch, tag or commit (default: ${DEFAULT-VALUE}).")
    String revision;

    LanguageModel load() {
        return LanguageModel.load(choice.model, revision);
    }
}
