package org.interp4j.decompose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a text file split into articles by lines that are exactly {@code !ARTICLE}, the format of
 * the original scripts: the file starts with such a line, and the (trimmed) lines of an article
 * are joined with single spaces.
 */
public final class Articles {
    private Articles() {}

    public static List<String> read(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException("No such file: " + file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().equals("!ARTICLE")) {
            throw new IllegalArgumentException(file + " must start with a line '!ARTICLE' (one before each article).");
        }
        List<String> articles = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            String s = line.strip();
            if (s.equals("!ARTICLE")) {
                if (current != null) articles.add(current.toString());
                current = new StringBuilder();
            } else {
                if (current.length() > 0) current.append(' ');
                current.append(s);
            }
        }
        articles.add(current.toString());
        for (int i = 0; i < articles.size(); i++) {
            if (articles.get(i).isBlank()) {
                throw new IllegalArgumentException("Article " + (i + 1) + " of " + file
                        + " is empty: put text between its '!ARTICLE' line and the next.");
            }
        }
        return articles;
    }
}
