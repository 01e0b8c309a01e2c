package org.interp4j.grade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A Jupyter notebook in nbformat 4. The JSON tree is kept as read, so fields this class does not
 * know (kernel metadata, widget state, ids…) survive a read/write round trip; {@link Cell}s are
 * views over the same tree.
 */
public final class Notebook {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;

    private Notebook(ObjectNode root) {
        this.root = root;
    }

    /** Reads a notebook file; the message of the exception says what is wrong with it. */
    public static Notebook read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "notebook file not found");
        }
        return parse(text, file.toString());
    }

    /** Parses notebook JSON; {@code origin} names it in error messages. */
    public static Notebook parse(String json, String origin) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(origin + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): "
                    + e.getOriginalMessage().replaceAll("(?s)\\s*\\(start marker at.*", ""), e);
        }
        if (!(node instanceof ObjectNode) || !node.path("cells").isArray()) {
            throw new IOException(origin + " is not a Jupyter notebook: no \"cells\" list at the top level");
        }
        int major = node.path("nbformat").asInt(4);
        if (major != 4) {
            throw new IOException(origin + " uses nbformat " + major + "; convert it to nbformat 4 "
                    + "(jupyter nbconvert --to notebook --nbformat 4)");
        }
        return new Notebook((ObjectNode) node);
    }

    /** An empty nbformat 4.5 notebook for the Java kernel. */
    public static Notebook create() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("cells");
        ObjectNode meta = root.putObject("metadata");
        ObjectNode kernel = meta.putObject("kernelspec");
        kernel.put("display_name", "Java");
        kernel.put("language", "java");
        kernel.put("name", "java");
        meta.putObject("language_info").put("name", "java");
        root.put("nbformat", 4);
        root.put("nbformat_minor", 5);
        return new Notebook(root);
    }

    /** All cells in order. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        ArrayNode array = (ArrayNode) root.get("cells");
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof ObjectNode) {
                cells.add(new Cell((ObjectNode) array.get(i), i));
            }
        }
        return Collections.unmodifiableList(cells);
    }

    /** Cells tagged {@code exercise:<id>}, in order. */
    public List<Cell> exerciseCells() {
        return cells().stream().filter(c -> c.exerciseId().isPresent()).toList();
    }

    /** The cell tagged {@code exercise:<id>}, if any. */
    public Optional<Cell> exercise(String id) {
        return cells().stream().filter(c -> c.exerciseId().filter(id::equals).isPresent()).findFirst();
    }

    /** Appends a cell ({@code "code"} or {@code "markdown"}) and returns it. */
    public Cell addCell(String cellType, String source) {
        ArrayNode array = (ArrayNode) root.get("cells");
        ObjectNode cell = array.addObject();
        cell.put("cell_type", cellType);
        cell.putObject("metadata");
        if ("code".equals(cellType)) {
            cell.putNull("execution_count");
            cell.putArray("outputs");
        }
        Cell c = new Cell(cell, array.size() - 1);
        c.setSource(source);
        return c;
    }

    /** The notebook-level metadata object. */
    public ObjectNode metadata() {
        JsonNode meta = root.get("metadata");
        if (!(meta instanceof ObjectNode)) {
            meta = root.putObject("metadata");
        }
        return (ObjectNode) meta;
    }

    /** The whole JSON tree (live: changes show in {@link #toJson()}). */
    public ObjectNode json() {
        return root;
    }

    /** The notebook as JSON text, indented with one space like Jupyter writes it. */
    public String toJson() {
        try {
            return JSON.writer(new JupyterPrettyPrinter()).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }
}
