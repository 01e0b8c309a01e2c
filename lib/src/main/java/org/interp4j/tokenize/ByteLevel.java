package org.interp4j.tokenize;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-level alphabet: every byte is spelled as one printable character, so that a
 * byte-level BPE vocabulary is plain text. Printable Latin-1 bytes stand for themselves; the rest
 * (controls, space, ...) are shifted to U+0100 onwards, which is why a space shows as {@code Ġ}
 * (U+0120) and a newline as {@code Ċ}.
 */
final class ByteLevel {
    private ByteLevel() {}

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final boolean[] IN_ALPHABET = new boolean[512];

    static {
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + shifted++);
            BYTE_TO_CHAR[b] = c;
            IN_ALPHABET[c] = true;
        }
    }

    /** Whether every character of {@code token} belongs to the byte alphabet. */
    static boolean isSpelled(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= IN_ALPHABET.length || !IN_ALPHABET[c]) return false;
        }
        return true;
    }

    /** The byte-alphabet spelling of {@code text}'s UTF-8 bytes. */
    static String spell(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder(bytes.length);
        for (byte b : bytes) s.append(BYTE_TO_CHAR[b & 0xff]);
        return s.toString();
    }
}
