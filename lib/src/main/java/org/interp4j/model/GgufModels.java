package org.interp4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.interp4j.io.Gguf;
import org.interp4j.io.GgufCheckpoint;
import org.interp4j.tokenize.Tokenizer;

/** Loads a Llama-family GGUF file: dequantised weights under HF names, config and tokenizer from its metadata. */
final class GgufModels {
    private GgufModels() {}

    static LanguageModel load(Path file, String name) throws IOException {
        try (Gguf gguf = Gguf.open(file)) {
            GgufCheckpoint checkpoint = GgufCheckpoint.of(gguf);
            ModelConfig config = ModelConfig.fromJson(checkpoint.config());
            NDManager manager = NDManager.newBaseManager();
            try {
                Map<String, NDArray> tensors = checkpoint.stateDict(manager);
                Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
                return LanguageModel.of(name, config, manager, tensors, file.toString(), tokenizer);
            } catch (IOException | RuntimeException e) {
                manager.close();
                throw e;
            }
        }
    }
}
