package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One notebook cell, a view over its JSON object. {@code source} may be one string or a list of
 * lines in the file; {@link #source()} always returns the joined text.
 */
public final class Cell {

    /** Tag prefix that marks an exercise cell: {@code exercise:00.next-token}. */
    public static final String EXERCISE_TAG = "exercise:";

    private final ObjectNode json;
    private final int index;

    Cell(ObjectNode json, int index) {
        this.json = json;
        this.index = index;
    }

    /** Position in the notebook, counting every cell from 0. */
    public int index() {
        return index;
    }

    /** {@code code}, {@code markdown} or {@code raw}. */
    public String type() {
        return json.path("cell_type").asText("");
    }

    public boolean isCode() {
        return "code".equals(type());
    }

    public String source() {
        JsonNode src = json.get("source");
        if (src == null || src.isNull()) {
            return "";
        }
        if (src.isArray()) {
            StringBuilder sb = new StringBuilder();
            src.forEach(line -> sb.append(line.asText()));
            return sb.toString();
        }
        return src.asText();
    }

    /** Replaces the source, stored as a list of lines (each keeping its newline) as Jupyter does. */
    public void setSource(String text) {
        ArrayNode lines = json.putArray("source");
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
    }

    public List<String> tags() {
        List<String> tags = new ArrayList<>();
        json.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** Adds a tag to {@code metadata.tags} unless present. */
    public void addTag(String tag) {
        if (tags().contains(tag)) {
            return;
        }
        ObjectNode meta = json.get("metadata") instanceof ObjectNode m ? m : json.putObject("metadata");
        ArrayNode tags = meta.get("tags") instanceof ArrayNode t ? t : meta.putArray("tags");
        tags.add(tag);
    }

    /** The id from the cell's {@code exercise:<id>} tag. */
    public Optional<String> exerciseId() {
        for (String tag : tags()) {
            if (tag.startsWith(EXERCISE_TAG) && tag.length() > EXERCISE_TAG.length()) {
                return Optional.of(tag.substring(EXERCISE_TAG.length()).trim());
            }
        }
        return Optional.empty();
    }

    /** nbgrader's cell metadata, when present. */
    public Optional<NbgraderInfo> nbgrader() {
        JsonNode nb = json.path("metadata").path("nbgrader");
        if (!nb.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new NbgraderInfo(
                nb.path("grade_id").asText(null),
                nb.hasNonNull("points") ? nb.get("points").asDouble() : null,
                nb.path("solution").asBoolean(false),
                nb.path("grade").asBoolean(false)));
    }

    /** The outputs list of a code cell (live), empty for other cells. */
    public ArrayNode outputs() {
        JsonNode out = json.get("outputs");
        if (out instanceof ArrayNode a) {
            return a;
        }
        return isCode() ? json.putArray("outputs") : Notebook.JSON.createArrayNode();
    }

    /** The cell's JSON object (live). */
    public ObjectNode json() {
        return json;
    }

    @Override
    public String toString() {
        return "cell " + index + " (" + type() + exerciseId().map(id -> ", exercise " + id).orElse("") + ")";
    }
}
