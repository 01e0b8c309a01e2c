package org.interp4j.grade;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;

/**
 * The outcome of running a notebook: one {@link CellResult} per code cell, and access to the
 * variables the notebook left behind as data ({@link #variable(String)}). The notebook's JVM stays
 * up until {@link #close()} so variables can be read after the run.
 */
public final class RunResult implements AutoCloseable {

    /** How long turning one variable into data may take. */
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(120);
    /** How long a student's function may take on all the test inputs of its exercise. */
    private static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Notebook notebook;
    private final List<CellResult> cells;
    private final JShellSession session;
    private final Path workDir;
    private final Path logFile;
    private final Duration startupTime;
    private final Duration totalTime;
    private final String failure;
    private final Map<String, Object> variables = new HashMap<>();

    RunResult(String name, Notebook notebook, List<CellResult> cells, JShellSession session, Path workDir,
              Path logFile, Duration startupTime, Duration totalTime) {
        this(name, notebook, cells, session, workDir, logFile, startupTime, totalTime, null);
    }

    private RunResult(String name, Notebook notebook, List<CellResult> cells, JShellSession session, Path workDir,
                      Path logFile, Duration startupTime, Duration totalTime, String failure) {
        this.name = name;
        this.notebook = notebook;
        this.cells = List.copyOf(cells);
        this.session = session;
        this.workDir = workDir;
        this.logFile = logFile;
        this.startupTime = startupTime;
        this.totalTime = totalTime;
        this.failure = failure;
    }

    /** A run that could not happen (file missing, not JSON…); {@code message} says why. */
    public static RunResult failed(String name, String message) {
        return new RunResult(name, null, List.of(), null, null, null, Duration.ZERO, Duration.ZERO, message);
    }

    /** File name of the notebook. */
    public String name() {
        return name;
    }

    /** Why the notebook could not be run at all, if so. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The notebook as read, or null when it could not be read. */
    public Notebook notebook() {
        return notebook;
    }

    public List<CellResult> cells() {
        return cells;
    }

    /** The result of the cell tagged {@code exercise:<id>}, if the notebook has one. */
    public Optional<CellResult> exercise(String id) {
        return cells.stream().filter(c -> id.equals(c.exerciseId())).findFirst();
    }

    /**
     * A variable of the notebook as data. It is turned into JSON inside the notebook's JVM by
     * {@link DataExport} and parsed here; nothing the notebook prints is read.
     *
     * @throws IllegalStateException if the variable is not defined or cannot be turned into data
     * @throws IllegalArgumentException if {@code variableName} is not a Java identifier
     */
    public Value variable(String variableName) {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        if (!SourceVersion.isIdentifier(variableName) || SourceVersion.isKeyword(variableName)) {
            throw new IllegalArgumentException("\"" + variableName + "\" is not a Java variable name");
        }
        Object cached;
        synchronized (variables) {
            cached = variables.get(variableName);
            if (cached == null) {
                try {
                    cached = DataExport.parse(session.exportVariable(variableName, EXPORT_TIMEOUT));
                } catch (RuntimeException e) {
                    cached = e;
                }
                variables.put(variableName, cached);
            }
        }
        if (cached instanceof RuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new Value(variableName, (JsonNode) cached);
    }

    /**
     * Calls a student's function exercise in the notebook's JVM on the exercise's test inputs
     * ({@link Trials#outputs}) and returns what it gave, as data. {@code variable} holds the
     * student's function and {@code context} names notebook variables the exercise passes along
     * (such as the model). The expected outputs are computed by the caller, never here.
     */
    public JsonNode trialOutputs(String exerciseId, String variable, List<String> context) {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        for (String name : concat(variable, context)) {
            if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is not a Java variable name");
            }
        }
        if (!exerciseId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("\"" + exerciseId + "\" is not an exercise id");
        }
        String expr = Trials.class.getName() + ".outputs(\"" + exerciseId + "\", "
                + String.join(", ", concat(variable, context)) + ")";
        String json = session.evaluateString(expr, "run " + variable + " on the test inputs of " + exerciseId,
                "variable " + variable + " (or one of " + context + ") is not defined in the notebook", TRIAL_TIMEOUT);
        return DataExport.parse(json);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Time to start the notebook's JVM and JShell. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Time of the whole run, start-up included. */
    public Duration totalTime() {
        return totalTime;
    }

    /** How often the notebook's JVM was restarted after a cell ended it. */
    public int restarts() {
        return session == null ? 0 : session.restarts();
    }

    /** The log of the notebook's JVM (its own console output, crash reports), or null. */
    public Path jvmLog() {
        return logFile;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        deleteTree(workDir);
        if (logFile != null) {
            try {
                Files.deleteIfExists(logFile);
            } catch (IOException e) {
                // A temporary file; the OS cleans it up.
            }
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Best effort: a temporary directory.
                }
            });
        } catch (IOException e) {
            // Best effort.
        }
    }
}
