package org.interp4j.show;

import java.util.Objects;

/**
 * One piece of rich output in the forms a notebook front end understands.
 * {@code text} is always there (it is what a terminal sees); the others are optional.
 *
 * @param text plain-text form, never null
 * @param html HTML form or null
 * @param png PNG bytes or null
 * @param svg SVG document or null
 * @param name short name used for files written outside a notebook (e.g. "chart")
 */
public record Output(String text, String html, byte[] png, String svg, String name) {
    public Output {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
    }

    public static Output text(String text) {
        return new Output(text, null, null, null, "text");
    }

    public static Output html(String html, String text) {
        return new Output(text, html, null, null, "html");
    }

    public static Output png(byte[] png, String text) {
        return new Output(text, null, png, null, "chart");
    }

    public static Output svg(String svg, String text) {
        return new Output(text, null, null, svg, "chart");
    }
}
