package org.interp4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.interp4j.grade.RubricConfig;
import picocli.CommandLine.Option;

/**
 * The options every grading command shares ({@code interp4j grade}, {@code interp4j-cluster grade}):
 * where the rubric is, the CSV, the cell time limit and the repository root.
 */
public final class GradingOptions {

    /** Where the rubric classes are when none is given: the compiled tests of this repository. */
    public static final Path DEFAULT_RUBRIC = Path.of("tests", "target", "test-classes");

    @Option(names = "--rubric", paramLabel = "DIR|JAR",
            description = "Compiled rubric classes (folder or jar); repeatable. Default: tests/target/test-classes "
                    + "(build it with: mvn -o -q test-compile -pl tests -am).")
    private List<Path> rubric = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    public Path csv;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit of one cell (default: the rubric's, 300 s).")
    public Integer timeout;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "Repository root that rubric paths (solutions, expected values) are relative to. Default: current directory.")
    public Path repo = Path.of("");

    /** The rubric folders or jars given, else {@link #DEFAULT_RUBRIC}. */
    public List<Path> roots() {
        return rubric.isEmpty() ? List.of(DEFAULT_RUBRIC) : rubric;
    }

    /** What to do about the first rubric path that does not exist, if any. */
    public Optional<String> missingRubric() {
        return roots().stream().filter(r -> !Files.exists(r)).findFirst()
                .map(r -> "no rubric classes at " + r + ": build them with `mvn -o -q test-compile -pl tests -am` "
                        + "or pass --rubric DIR|JAR");
    }

    /** The rubric run's settings: the cell time limit when given, and the repository root. */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        if (timeout != null) {
            config.put(RubricConfig.CELL_TIMEOUT, timeout.toString());
        }
        config.put(RubricConfig.REPO, repo.toAbsolutePath().toString());
        return config;
    }
}
