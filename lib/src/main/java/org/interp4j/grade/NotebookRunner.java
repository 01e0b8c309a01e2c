package org.interp4j.grade;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the Java code cells of a notebook in order on JShell, the way the notebook kernel would,
 * in a separate JVM with the given class path and JVM options and a private temporary working
 * directory. Every cell runs under a time limit; a failing, looping or exiting cell fails alone and
 * the run goes on (see {@link CellStatus}). IPython/JJava magics ({@code %maven}, {@code %%time}…)
 * are skipped with a note: the class path comes from the runner.
 *
 * <pre>{@code
 * try (RunResult run = new NotebookRunner().cellTimeout(Duration.ofSeconds(60)).run(Path.of("nb.ipynb"))) {
 *     long n = run.variable("count").asLong();
 * }
 * }</pre>
 */
public final class NotebookRunner {

    /** Default time limit of one cell. */
    public static final Duration DEFAULT_CELL_TIMEOUT = Duration.ofSeconds(300);

    /** What JShell's own start-up imports, plus stand-ins for the kernel's display functions. */
    public static final List<String> DEFAULT_STARTUP = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;",
            // The notebook kernel shows rich output with display(...)/render(...); graded runs have
            // no front end, so these accept the call and show nothing.
            "String display(Object o, String... mimeTypes) { return \"\"; }",
            "void updateDisplay(String id, Object o, String... mimeTypes) { }",
            "Object render(Object o, String... mimeTypes) { return o; }");

    private String classPath = currentClassPath();
    private final List<String> vmOptions = new ArrayList<>(currentVmOptions());
    private Duration cellTimeout = DEFAULT_CELL_TIMEOUT;
    private List<String> startup = DEFAULT_STARTUP;

    /** Class path of the notebook's JVM and compiler; default: this JVM's, made absolute. */
    public NotebookRunner classPath(String classPath) {
        this.classPath = absolute(classPath);
        return this;
    }

    /**
     * Replaces the JVM options of the notebook's JVM. Default: this JVM's heap, stack and
     * {@code -D} options, this JVM's {@code interp4j.*} and {@code ai.djl.*} system properties,
     * and {@code -Dai.djl.offline=true}.
     */
    public NotebookRunner vmOptions(List<String> options) {
        vmOptions.clear();
        vmOptions.addAll(options);
        return this;
    }

    /** Adds JVM options (after the current ones, so a later {@code -Dx=} wins). */
    public NotebookRunner addVmOptions(String... options) {
        vmOptions.addAll(List.of(options));
        return this;
    }

    public NotebookRunner cellTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the cell time limit must be positive");
        }
        this.cellTimeout = timeout;
        return this;
    }

    /** Snippets run before the notebook (imports, helpers). */
    public NotebookRunner startup(List<String> snippets) {
        this.startup = List.copyOf(snippets);
        return this;
    }

    public String classPath() {
        return classPath;
    }

    public List<String> vmOptions() {
        return List.copyOf(vmOptions);
    }

    public Duration cellTimeout() {
        return cellTimeout;
    }

    /**
     * Runs a notebook file. Never throws for a bad notebook: an unreadable file gives a result
     * whose {@link RunResult#failure()} says why.
     */
    public RunResult run(Path notebookFile) {
        String name = notebookFile.getFileName() == null ? notebookFile.toString() : notebookFile.getFileName().toString();
        Notebook nb;
        try {
            nb = Notebook.read(notebookFile);
        } catch (IOException | RuntimeException e) {
            return RunResult.failed(name, reason(notebookFile, e));
        }
        return run(nb, name);
    }

    /** Runs a parsed notebook; {@code name} labels the result. */
    public RunResult run(Notebook notebook, String name) {
        Path workDir;
        Path logFile;
        try {
            workDir = Files.createTempDirectory("interp4j-run-");
            logFile = Files.createTempFile("interp4j-jvm-", ".log");
        } catch (IOException e) {
            return RunResult.failed(name, "cannot create a temporary directory: " + e.getMessage());
        }
        RunSettings settings = new RunSettings(classPath, vmOptions(), cellTimeout, startup);
        JShellSession session = new JShellSession(settings, workDir, logFile);
        long t0 = System.nanoTime();
        try {
            session.start();
        } catch (IOException | RuntimeException e) {
            session.close();
            RunResult.deleteTree(workDir);
            return RunResult.failed(name, e.getMessage());
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - t0);
        List<CellResult> results = new ArrayList<>();
        for (Cell cell : notebook.cells()) {
            if (!cell.isCode()) {
                continue;
            }
            MagicFilter.Filtered code = MagicFilter.filter(cell.source());
            String exercise = cell.exerciseId().orElse(null);
            if (code.skipCell()) {
                results.add(new CellResult(cell.index(), exercise, CellStatus.OK, "", "", null, null,
                        code.notes(), Duration.ZERO));
                continue;
            }
            CellResult r = session.runCell(cell.index(), exercise, code.source(), cellTimeout);
            if (!code.notes().isEmpty()) {
                List<String> notes = new ArrayList<>(code.notes());
                notes.addAll(r.notes());
                r = new CellResult(r.index(), r.exerciseId(), r.status(), r.stdout(), r.stderr(), r.lastValue(),
                        r.error(), List.copyOf(notes), r.duration());
            }
            results.add(r);
        }
        return new RunResult(name, notebook, results, session, workDir, logFile, startupTime,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** One line naming the problem; the file itself is named by whoever shows the result. */
    private static String reason(Path file, Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "cannot read the notebook: file not found";
        }
        String msg = String.valueOf(e.getMessage());
        String prefix = file + " ";
        return msg.startsWith(prefix) ? "the notebook " + msg.substring(prefix.length())
                : "cannot read the notebook: " + msg;
    }

    static String currentClassPath() {
        return absolute(System.getProperty("java.class.path"));
    }

    private static String absolute(String classPath) {
        List<String> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                out.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }

    /** This JVM's options worth passing on: memory, stack, system properties, module openings. */
    static List<String> currentVmOptions() {
        Set<String> out = new LinkedHashSet<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-Xss")
                    || arg.startsWith("--add-opens") || arg.startsWith("--add-exports")
                    || arg.startsWith("--enable-native-access")
                    || (arg.startsWith("-D") && !arg.startsWith("-Djava.security.manager"))) {
                out.add(arg);
            }
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("interp4j.") || key.startsWith("ai.djl.")) {
                out.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        out.add("-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "true"));
        if (System.getProperty(org.interp4j.data.BrownCorpus.PROPERTY) == null) {
            // sessions run in a temporary folder, where ./datasets cannot be found: pass on the one found from here
            try {
                out.add("-D" + org.interp4j.data.BrownCorpus.PROPERTY + "=" + org.interp4j.data.BrownCorpus.datasetsDir());
            } catch (RuntimeException none) {
                // no datasets here: only notebooks that read them will fail, with the corpus's own message
            }
        }
        return new ArrayList<>(out);
    }
}
