package org.interp4j.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interp4j.tokenize.Tokenizer;
import org.junit.jupiter.api.Test;

/** Closing a model frees its native tokenizer with its weights, instead of leaving it to the GC. */
class ModelCloseTest {

    @Test
    void closingTheModelClosesItsTokenizer() {
        LanguageModel model = LanguageModel.load("smollm2-135m");
        Tokenizer tokenizer = model.tokenizer();
        assertTrue(tokenizer.encode("hello").length > 0);
        model.close();
        assertThrows(IllegalStateException.class, () -> tokenizer.encode("hello"));
    }
}
