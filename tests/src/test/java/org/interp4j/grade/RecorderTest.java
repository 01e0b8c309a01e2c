package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed expected values are exactly what recording the solution produces. */
class RecorderTest {

    @Test
    void recordingTheSolutionReproducesTheCommittedValues(@TempDir Path dir) throws Exception {
        Path fixtures = NotebookRunnerTest.FIXTURES;
        ObjectMapper m = new ObjectMapper();
        JsonNode committed = m.readTree(fixtures.resolve("expected/grade-demo.json").toFile());
        ObjectNode blank = committed.deepCopy();
        blank.get("exercises").forEach(e -> ((ObjectNode) e).remove("expected"));
        Path file = dir.resolve("grade-demo.json");
        Files.writeString(file, m.writeValueAsString(blank));

        Recorder.Report report = Recorder.record(fixtures.resolve("solutions/grade-demo.ipynb"), file,
                new NotebookRunner().cellTimeout(Duration.ofSeconds(30)));

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(5, report.recorded().size());
        assertEquals(committed, m.readTree(file.toFile()));
    }
}
