package org.interp4j.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tiny Llama fixture (2 layers, 160 neurons, vocabulary 1000) with a word-level tokenizer over the
 * corpus's 997 most frequent words (rarer words become [UNK]): the fixture has no tokenizer, and the
 * ablation commands need one for their word contexts. Used by the ablation command tests here and by
 * cluster/'s (through this module's test jar).
 */
public final class WordLevelModel {
    private WordLevelModel() {}

    /** Writes the model (config, weights and tokenizer.json) to {@code dir} and returns it. */
    public static Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path src = Fixtures.path("tests/fixtures/models/llama");
        for (String f : List.of("config.json", "model.safetensors")) Files.copy(src.resolve(f), dir.resolve(f));
        ObjectMapper json = new ObjectMapper();
        ObjectNode vocab = json.createObjectNode();
        vocab.put("[UNK]", 0);
        vocab.put("<s>", 1);
        vocab.put("</s>", 2);
        List<String> lines = Files.readAllLines(Fixtures.path("datasets/longtail/unigram.tsv"));
        int id = 3;
        for (int i = 1; i < lines.size() && id < 1000; i++) {
            String w = lines.get(i).split("\t")[0];
            if (!vocab.has(w)) vocab.put(w, id++);
        }
        ObjectNode tok = json.createObjectNode();
        tok.put("version", "1.0");
        tok.putNull("truncation");
        tok.putNull("padding");
        tok.putArray("added_tokens");
        tok.putObject("normalizer").put("type", "Lowercase");
        tok.putObject("pre_tokenizer").put("type", "Whitespace");
        tok.putNull("post_processor");
        tok.putNull("decoder");
        ObjectNode m = tok.putObject("model");
        m.put("type", "WordLevel");
        m.set("vocab", vocab);
        m.put("unk_token", "[UNK]");
        json.writeValue(dir.resolve("tokenizer.json").toFile(), tok);
        return dir;
    }
}
