package org.interp4j.model;

import org.interp4j.tokenize.Tokenizer;

/**
 * When a row of a generation is finished: at the end-of-sequence token (unless the options ignore
 * it), at any of the options' stop ids, or once the row's text ends with one of its stop strings
 * (which needs a tokenizer; without one, stop strings are not checked).
 */
record StopRules(GenerateOptions options, Long eos, Tokenizer tokenizer) {

    /** Whether a row stops after choosing {@code produced[count - 1]}. */
    boolean stopsAfter(long[] produced, int count) {
        long token = produced[count - 1];
        if (options.stopAtEos() && eos != null && token == eos) return true;
        if (options.stopIds().contains(token)) return true;
        if (!options.stopStrings().isEmpty() && tokenizer != null) {
            // the text of the whole continuation: a stop string may span several tokens
            String text = tokenizer.decode(java.util.Arrays.copyOf(produced, count));
            for (String s : options.stopStrings()) if (text.endsWith(s)) return true;
        }
        return false;
    }
}
