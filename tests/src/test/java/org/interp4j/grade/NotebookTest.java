package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookTest {

    private static final String NB = """
            {
             "cells": [
              {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Title\\nText"},
              {"cell_type": "code", "id": "b", "execution_count": 3,
               "metadata": {"tags": ["exercise:00.next-token", "other"], "collapsed": true,
                            "nbgrader": {"grade_id": "00.next-token", "points": 2, "solution": true, "grade": false}},
               "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\\n"]}],
               "source": ["int x = 1;\\n", "x + 1"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": []}
             ],
             "metadata": {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}, "custom": [1, 2]},
             "nbformat": 4, "nbformat_minor": 5, "extra_top_level": {"kept": true}
            }
            """;

    @Test
    void readsSourcesTagsAndNbgraderMetadata() throws IOException {
        Notebook nb = Notebook.parse(NB, "test");
        List<Cell> cells = nb.cells();
        assertEquals(3, cells.size());
        assertEquals("# Title\nText", cells.get(0).source());
        assertEquals("int x = 1;\nx + 1", cells.get(1).source());
        assertEquals("", cells.get(2).source());
        assertEquals("00.next-token", cells.get(1).exerciseId().orElseThrow());
        assertTrue(cells.get(0).exerciseId().isEmpty());
        NbgraderInfo info = cells.get(1).nbgrader().orElseThrow();
        assertEquals(new NbgraderInfo("00.next-token", 2.0, true, false), info);
        assertEquals(1, nb.exerciseCells().size());
        assertEquals(1, nb.exercise("00.next-token").orElseThrow().index());
        assertEquals(1, cells.get(1).outputs().size());
    }

    @Test
    void roundTripKeepsUnknownFields() throws IOException {
        ObjectMapper m = new ObjectMapper();
        Notebook nb = Notebook.parse(NB, "test");
        assertEquals(m.readTree(NB), m.readTree(nb.toJson()));

        nb.cells().get(2).setSource("int y = 2;\ny");
        Notebook again = Notebook.parse(nb.toJson(), "again");
        assertEquals("int y = 2;\ny", again.cells().get(2).source());
        assertTrue(again.json().path("extra_top_level").path("kept").asBoolean());
        assertTrue(again.cells().get(1).json().path("metadata").path("collapsed").asBoolean());
    }

    @Test
    void writesJupyterStyleJson(@TempDir Path dir) throws IOException {
        Notebook nb = Notebook.create();
        nb.addCell("code", "int x = 1;\n").addTag("exercise:demo.x");
        Path f = dir.resolve("n.ipynb");
        nb.write(f);
        String text = Files.readString(f);
        assertTrue(text.contains("\"cell_type\": \"code\""), text);
        assertTrue(text.contains("\"outputs\": []"), text);
        assertEquals("demo.x", Notebook.read(f).cells().get(0).exerciseId().orElseThrow());
    }

    @Test
    void badInputsSayWhatIsWrong(@TempDir Path dir) throws IOException {
        IOException notJson = assertThrows(IOException.class, () -> Notebook.parse("{\"cells\": [", "x.ipynb"));
        assertTrue(notJson.getMessage().contains("not valid JSON"), notJson.getMessage());
        IOException notNotebook = assertThrows(IOException.class, () -> Notebook.parse("{\"a\": 1}", "x.ipynb"));
        assertTrue(notNotebook.getMessage().contains("not a Jupyter notebook"), notNotebook.getMessage());
        IOException old = assertThrows(IOException.class, () -> Notebook.parse("{\"cells\": [], \"nbformat\": 3}", "x"));
        assertTrue(old.getMessage().contains("nbformat 3"), old.getMessage());
        assertThrows(NoSuchFileException.class, () -> Notebook.read(dir.resolve("missing.ipynb")));
        assertFalse(Files.exists(dir.resolve("missing.ipynb")));
    }
}
