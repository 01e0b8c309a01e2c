package org.interp4j.grade;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.interp4j.grade.engine.CaptureStream;
import org.interp4j.grade.engine.ProcessEngine;
import org.interp4j.grade.engine.RemoteAgent;

/**
 * One JShell whose snippets run in a separate JVM ({@link ProcessEngine}). Runs cells under a
 * time limit and survives the JVM's death: it starts a new one and runs again every snippet that
 * had succeeded before, so later cells still see the earlier state.
 *
 * <p>One class of about 500 lines on purpose: running a cell, noticing the JVM's death, saying why
 * it died and replaying the earlier snippets all read and change the same state (the shell, its
 * engine, the replay list, the captured output), and a split would hand that state between classes.
 */
final class JShellSession implements AutoCloseable {

    private static final int OUTPUT_LIMIT = 1 << 20;
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final Duration KILL_GRACE = Duration.ofSeconds(30);

    private final RunSettings settings;
    private final Path workDir;
    private final Path logFile;
    private final CaptureStream out = new CaptureStream(OUTPUT_LIMIT);
    private final CaptureStream err = new CaptureStream(OUTPUT_LIMIT);
    private final List<String> replay = new ArrayList<>();
    private ExecutorService executor = newExecutor();
    private ProcessEngine engine;
    private JShell shell;
    private int restarts;

    JShellSession(RunSettings settings, Path workDir, Path logFile) {
        this.settings = settings;
        this.workDir = workDir;
        this.logFile = logFile;
    }

    /** Starts the JVM and the JShell; throws with a clear message when that is impossible. */
    void start() throws IOException {
        engine = new ProcessEngine(settings.classPath(), settings.vmOptions(), workDir, logFile);
        try {
            shell = JShell.builder()
                    .executionEngine(engine, Map.of())
                    .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                    .in(new ByteArrayInputStream(new byte[0]))
                    .compilerOptions("--class-path", settings.classPath())
                    .build();
        } catch (IllegalStateException e) {
            engine.kill();
            throw new IOException("cannot start the notebook's JVM: " + rootMessage(e) + " (log: " + logFile + ")", e);
        }
        for (String snippet : settings.startup()) {
            for (SnippetEvent ev : shell.eval(snippet)) {
                if (ev.status() == Snippet.Status.REJECTED || ev.exception() != null) {
                    throw new IOException("start-up snippet failed: " + snippet);
                }
            }
        }
        out.take();
        err.take();
    }

    boolean alive() {
        return shell != null && engine != null && engine.process() != null && engine.process().isAlive();
    }

    int restarts() {
        return restarts;
    }

    /** Runs one cell's Java source, snippet by snippet, stopping at the first failure. */
    CellResult runCell(int index, String exerciseId, String code, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Outcome o = new Outcome();
        if (!alive()) {
            restart(o);
        }
        if (!alive()) {
            o.fail(CellStatus.NOT_RUN, "the cell was not run: the notebook's JVM could not be started");
        }
        SourceCodeAnalysis analysis = alive() ? shell.sourceCodeAnalysis() : null;
        String remaining = code;
        int offset = 0;
        while (o.status == CellStatus.OK && !remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String src;
            String rest;
            if (info.completeness().isComplete()) {
                src = info.source();
                rest = info.remaining();
            } else {
                src = remaining;
                rest = "";
            }
            int snippetStart = offset + leadingBlank(remaining);
            offset += remaining.length() - rest.length();
            remaining = rest;
            if (src == null || src.isBlank()) {
                continue;
            }
            List<SnippetEvent> events = eval(src, deadline, timeout, o);
            if (events != null) {
                judge(events, code, snippetStart, o);
            }
            if (engineDied()) {
                // Where exit cannot be refused, JShell may even report the snippet as fine.
                describeDeath(o);
                break;
            }
            if (events == null) {
                break;
            }
            if (o.status == CellStatus.OK) {
                replay.add(src);
            }
        }
        if (o.status != CellStatus.NOT_RUN && !alive()) {
            restart(o);
        }
        String stdout = out.take();
        if (out.truncated()) {
            o.notes.add("output was cut at 1 MB");
        }
        String stderr = err.take();
        return new CellResult(index, exerciseId, o.status, stdout, stderr, o.lastValue, o.error,
                List.copyOf(o.notes), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Evaluates {@code DataExport.json(name)} in the notebook's JVM and returns the JSON text.
     * Nothing the notebook prints is read: only the value of that expression.
     */
    String exportVariable(String name, Duration timeout) {
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is not a Java variable name");
        }
        return evaluateString(DataExport.class.getName() + ".json(" + name + ")", "read variable " + name,
                "variable " + name + " is not defined in the notebook", timeout);
    }

    /** Characters of a value read per snippet: JShell cuts long values short, so long text comes in pieces. */
    private static final int PIECE = 4000;
    /**
     * The grader's own variables in the notebook's JShell, one per read: JShell may keep a redeclared
     * variable's old value (it redefines the class in place), so a name is never declared twice.
     */
    private static final String HOLDER = "interp4jGraderValue";
    private int reads;

    /**
     * Evaluates a String-valued expression in the notebook's JVM (the grader builds it; it names
     * only library code and notebook variables) and returns its value, however long. {@code what}
     * names the step in error messages; {@code undefined} is the message when a symbol is missing.
     */
    String evaluateString(String expression, String what, String undefined, Duration timeout) {
        if (!alive()) {
            throw new IllegalStateException("cannot " + what + ": the notebook's JVM is not running");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String holder = HOLDER + (++reads);
        value("java.lang.String " + holder + " = " + expression + ";", what, undefined, deadline, timeout);
        int length = Integer.parseInt(value(holder + ".length()", what, undefined, deadline, timeout));
        StringBuilder text = new StringBuilder(length);
        for (int from = 0; from < length; from += PIECE) {
            String piece = holder + ".substring(" + from + ", " + Math.min(length, from + PIECE) + ")";
            text.append(JavaLiteral.unquote(value(piece, what, undefined, deadline, timeout)));
        }
        value(holder + " = null;", what, undefined, deadline, timeout);
        return text.toString();
    }

    /** The value JShell reports for one snippet, as its literal text. */
    private String value(String src, String what, String undefined, long deadline, Duration timeout) {
        Outcome o = new Outcome();
        List<SnippetEvent> events = eval(src, deadline, timeout, o);
        out.take();
        err.take();
        if (events == null || !alive()) {
            if (!alive()) {
                restart(o);
            }
            throw new IllegalStateException("cannot " + what + ": it did not finish in " + timeout.toSeconds() + " s");
        }
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) {
                continue;
            }
            if (ev.status() == Snippet.Status.REJECTED) {
                String diag = diagnostics(ev.snippet());
                if (diag.contains("cannot find symbol")) {
                    throw new IllegalStateException(undefined);
                }
                throw new IllegalStateException("cannot " + what + ": " + diag);
            }
            if (ev.exception() != null) {
                throw new IllegalStateException("cannot " + what + ": " + describe(ev.exception()));
            }
            if (ev.value() != null) {
                return ev.value();
            }
        }
        throw new IllegalStateException("cannot " + what + ": no value came back");
    }

    private List<SnippetEvent> eval(String src, long deadline, Duration timeout, Outcome o) {
        JShell current = shell;
        Future<List<SnippetEvent>> f = executor.submit(() -> current.eval(src));
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            o.fail(CellStatus.TIMEOUT, "the cell did not finish within " + seconds(timeout) + " and was stopped");
            current.stop();
            try {
                f.get(STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS);
                o.notes.add("stopped the running code; the notebook's state is kept");
                return null;
            } catch (TimeoutException e2) {
                o.notes.add("the code did not stop when asked, so its JVM was killed");
                engine.kill();
                try {
                    f.get(KILL_GRACE.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e3) {
                    // JShell itself is stuck: abandon its thread with the old engine.
                    executor.shutdownNow();
                    executor = newExecutor();
                } catch (ExecutionException | InterruptedException e3) {
                    // Expected: the engine went away under it.
                }
                o.killed = true;
                return null;
            } catch (ExecutionException | InterruptedException e2) {
                return null;
            }
        } catch (ExecutionException e) {
            // JShell refuses to evaluate once its engine is gone (System.exit, crash).
            if (o.status == CellStatus.OK) {
                o.fail(CellStatus.CRASH, "the notebook's JVM stopped: " + rootMessage(e));
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o.fail(CellStatus.NOT_RUN, "interrupted");
            return null;
        }
    }

    private void judge(List<SnippetEvent> events, String cell, int snippetStart, Outcome o) {
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) {
                continue;
            }
            Snippet s = ev.snippet();
            if (ev.status() == Snippet.Status.REJECTED) {
                o.fail(CellStatus.COMPILE_ERROR, compileError(s, cell, snippetStart));
                return;
            }
            JShellException ex = ev.exception();
            if (ex != null) {
                if (ex instanceof UnresolvedReferenceException u) {
                    o.fail(CellStatus.ERROR, "cannot use " + name(u.getSnippet()) + ": it refers to "
                            + shell.unresolvedDependencies(u.getSnippet()).collect(Collectors.joining(", "))
                            + ", which is not defined");
                } else if (isNotDoneYet(ex)) {
                    o.fail(CellStatus.NOT_DONE, describe(ex));
                } else if (ex.getMessage() != null && ex.getMessage().startsWith(RemoteAgent.EXIT_MARK)) {
                    o.fail(CellStatus.EXIT, ex.getMessage().substring("interp4j: ".length()));
                } else if (o.status == CellStatus.OK) {
                    o.fail(CellStatus.ERROR, describe(ex));
                }
                return;
            }
            if (s instanceof DeclarationSnippet d && (ev.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
                o.notes.add(name(d) + " waits for " + shell.unresolvedDependencies(d).collect(Collectors.joining(", ")));
            }
            o.lastValue = ev.value();
        }
    }

    /** Whether the notebook's JVM is gone (or going: JShell has already closed). */
    private boolean engineDied() {
        Process p = engine == null ? null : engine.process();
        if (p == null || shell == null || !p.isAlive()) {
            return true;
        }
        try {
            shell.snippets();
            return false;
        } catch (IllegalStateException closed) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }
    }

    /** After the JVM died, says why (exit status, kill). */
    private void describeDeath(Outcome o) {
        if (o.killed) {
            return;
        }
        Process p = engine.process();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (p.isAlive()) {
            o.status = CellStatus.CRASH;
            o.error = "the notebook's JVM stopped answering; see " + logFile;
            return;
        }
        int code = p.exitValue();
        if (code < 128) {
            o.status = CellStatus.EXIT;
            o.error = "the cell called System.exit(" + code + ")";
        } else {
            o.status = CellStatus.CRASH;
            o.error = "the notebook's JVM died while running the cell (exit status " + code
                    + (code == 137 ? ", killed: out of memory?" : "") + "); see " + logFile;
        }
    }

    /** Starts a fresh JVM and runs again every snippet that had succeeded, so state survives. */
    private void restart(Outcome o) {
        closeShell();
        long t0 = System.nanoTime();
        try {
            start();
        } catch (IOException | RuntimeException e) {
            o.notes.add("could not restart the notebook's JVM: " + e.getMessage());
            return;
        }
        restarts++;
        int done = 0;
        Outcome replayOutcome = new Outcome();
        for (String src : replay) {
            List<SnippetEvent> events = eval(src, System.nanoTime() + settings.cellTimeout().toNanos(),
                    settings.cellTimeout(), replayOutcome);
            if (events != null) {
                judge(events, src, 0, replayOutcome);
            }
            if (events == null || replayOutcome.status != CellStatus.OK || engineDied()) {
                o.notes.add("restarted the notebook's JVM but re-running earlier snippet " + (done + 1)
                        + " failed (" + replayOutcome.error + "); later cells run without the earlier state");
                replay.subList(done, replay.size()).clear();
                if (!alive()) {
                    closeShell();
                }
                out.take();
                err.take();
                return;
            }
            done++;
        }
        out.take();
        err.take();
        o.notes.add("restarted the notebook's JVM and re-ran " + done + " earlier snippets to restore its state ("
                + seconds(Duration.ofNanos(System.nanoTime() - t0)) + ")");
    }

    private String compileError(Snippet s, String cell, int snippetStart) {
        int baseLine = lineOf(cell, snippetStart);
        List<String> msgs = new ArrayList<>();
        shell.diagnostics(s).filter(Diag::isError).forEach(d -> {
            int line = baseLine + lineOf(s.source(), (int) Math.max(0, d.getStartPosition())) - 1;
            msgs.add("line " + line + ": " + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
        });
        return msgs.isEmpty() ? "the snippet was rejected: " + firstLine(s.source()) : String.join("; ", msgs);
    }

    private String diagnostics(Snippet s) {
        return shell.diagnostics(s).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
    }

    private static boolean isNotDoneYet(JShellException ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof EvalException e && NotDoneYet.class.getName().equals(e.getExceptionClassName())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JShellException ex) {
        if (ex instanceof EvalException e) {
            String msg = e.getMessage();
            return e.getExceptionClassName() + (msg == null || msg.isEmpty() ? "" : ": " + msg);
        }
        return ex.getMessage();
    }

    private static String name(Snippet s) {
        return s instanceof DeclarationSnippet d ? d.name() : firstLine(s.source());
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lineOf(String text, int pos) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "interp4j-jshell");
            t.setDaemon(true);
            return t;
        });
    }

    private void closeShell() {
        if (shell != null) {
            try {
                shell.close();
            } catch (RuntimeException e) {
                // Already closed with its engine.
            }
            shell = null;
        }
        if (engine != null) {
            engine.kill();
        }
    }

    @Override
    public void close() {
        closeShell();
        executor.shutdownNow();
    }

    /** Mutable result of one cell while it runs. */
    private static final class Outcome {
        CellStatus status = CellStatus.OK;
        String error;
        String lastValue;
        boolean killed;
        final List<String> notes = new ArrayList<>();

        void fail(CellStatus s, String message) {
            if (status == CellStatus.OK) {
                status = s;
                error = message;
            }
        }
    }
}
