package org.interp4j.grade;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grades submissions: for each notebook file, runs the {@link Rubric} class(es) of its notebook
 * through the JUnit Platform with {@code interp4j.submission} set to that file, and turns every
 * {@link Exercise} test into a {@link ScoreLine} (its points when it passed, 0 and the failure
 * message otherwise). Nothing a submission prints or writes is read: scores come from the test
 * results, which compare variables extracted as data.
 *
 * <p>A submission is matched to a rubric by file name ({@code 00-getting-started.ipynb}, or any name
 * containing {@code 00-getting-started}), else by the exercise tags it carries.
 */
public final class Grader {

    private final List<Class<?>> rubrics;
    private final Map<String, String> config = new LinkedHashMap<>();
    private int jobs = 1;
    private Progress progress = (submission, rows, seconds, done, total) -> { };

    /** Told after each submission of {@link #grade} is graded (from the grading thread). */
    @FunctionalInterface
    public interface Progress {
        void graded(Path submission, List<ScoreLine> rows, double seconds, int done, int total);
    }

    public Grader(List<Class<?>> rubricClasses) {
        this.rubrics = List.copyOf(rubricClasses);
    }

    /** A grader over the rubric classes found in class folders or jars. */
    public static Grader fromRoots(List<Path> roots) throws IOException {
        return new Grader(RubricFinder.find(roots));
    }

    /** Sets a configuration parameter passed to every rubric run (e.g. {@link RubricConfig#CELL_TIMEOUT}). */
    public Grader config(String key, String value) {
        config.put(key, value);
        return this;
    }

    public List<Class<?>> rubrics() {
        return rubrics;
    }

    /**
     * Grades up to {@code n} submissions at once (default 1), each in its own notebook JVM. Unless
     * {@link RubricConfig#THREADS} is set, each of those JVMs then gets an equal share of the cores
     * (at least one PyTorch thread), so parallel notebooks do not fight over the same cores.
     */
    public Grader jobs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("The number of submissions graded at once must be at least 1 (got " + n + ").");
        }
        this.jobs = n;
        return this;
    }

    /** Where {@link #grade} reports each submission it has graded (e.g. a line per notebook on stderr). */
    public Grader progress(Progress p) {
        this.progress = p == null ? (submission, rows, seconds, done, total) -> { } : p;
        return this;
    }

    /**
     * Grades every submission, {@link #jobs} at a time; rows come in the order of the submissions.
     * A broken one gives rows saying why and never stops the others.
     */
    public List<ScoreLine> grade(List<Path> submissions) {
        AtomicInteger done = new AtomicInteger();
        if (jobs == 1 || submissions.size() < 2) {
            List<ScoreLine> lines = new ArrayList<>();
            for (Path s : submissions) {
                lines.addAll(timed(s, config, done, submissions.size()));
            }
            return lines;
        }
        Map<String, String> shared = new LinkedHashMap<>(config);
        shared.putIfAbsent(RubricConfig.THREADS, Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / jobs)));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, submissions.size()));
        try {
            List<Future<List<ScoreLine>>> results = new ArrayList<>();
            for (Path s : submissions) {
                results.add(pool.submit(() -> timed(s, shared, done, submissions.size())));
            }
            List<ScoreLine> lines = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                lines.addAll(rowsOf(results.get(i), submissions.get(i)));
            }
            return lines;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ScoreLine> timed(Path submission, Map<String, String> settings, AtomicInteger done, int total) {
        long t0 = System.nanoTime();
        List<ScoreLine> rows = gradeOne(submission, settings);
        progress.graded(submission, rows, (System.nanoTime() - t0) / 1e9, done.incrementAndGet(), total);
        return rows;
    }

    /** The rows of one parallel grading; a grading that threw (never expected) still gives a row. */
    private static List<ScoreLine> rowsOf(Future<List<ScoreLine>> result, Path submission) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            return List.of(new ScoreLine(submission.toString(), "-", 0, 0, "grading failed: " + oneLine(e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new ScoreLine(submission.toString(), "-", 0, 0, "grading was interrupted"));
        }
    }

    public List<ScoreLine> gradeOne(Path submission) {
        return gradeOne(submission, config);
    }

    private List<ScoreLine> gradeOne(Path submission, Map<String, String> settings) {
        String label = submission.toString();
        List<Class<?>> matched = match(submission);
        if (matched.isEmpty()) {
            return List.of(new ScoreLine(label, "-", 0, 0, "no rubric for this notebook: name the file after its notebook "
                    + "(one of " + rubricNotebooks() + ")"));
        }
        List<ScoreLine> lines = new ArrayList<>();
        for (Class<?> rubric : matched) {
            lines.addAll(runRubric(rubric, submission, label, settings));
        }
        return lines;
    }

    private List<ScoreLine> runRubric(Class<?> rubric, Path submission, String label, Map<String, String> settings) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(rubric))
                .configurationParameters(settings)
                .configurationParameter(RubricConfig.SUBMISSION, submission.toAbsolutePath().toString());
        RubricOutcomes collector = new RubricOutcomes();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(rubric.getClassLoader());
        try {
            Launcher launcher = LauncherFactory.create();
            LauncherDiscoveryRequest built = request.build();
            TestPlan plan = launcher.discover(built);
            launcher.execute(plan, collector);
        } catch (RuntimeException | LinkageError e) {
            collector.containerFailure = "the rubric " + rubric.getSimpleName() + " could not run: " + e;
        } finally {
            thread.setContextClassLoader(previous);
        }
        List<ScoreLine> lines = new ArrayList<>();
        for (Method m : exerciseMethods(rubric)) {
            Exercise ex = m.getAnnotation(Exercise.class);
            RubricOutcomes.Outcome r = collector.results.get(m.getName());
            if (r == null) {
                String why = collector.containerFailure != null ? collector.containerFailure : "the check did not run";
                lines.add(new ScoreLine(label, ex.id(), 0, ex.points(), why));
            } else {
                lines.add(new ScoreLine(label, ex.id(), r.passed() ? ex.points() : 0, ex.points(), r.message()));
            }
        }
        return lines;
    }

    /** {@code @Exercise} methods ordered by exercise id, superclasses first. */
    static List<Method> exerciseMethods(Class<?> rubric) {
        List<Method> out = new ArrayList<>();
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = rubric; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        Set<String> seen = new HashSet<>();
        for (Class<?> c : chain) {
            Method[] ms = c.getDeclaredMethods();
            Arrays.sort(ms, Comparator.comparing(m -> m.getAnnotation(Exercise.class) == null ? "" : m.getAnnotation(Exercise.class).id()));
            for (Method m : ms) {
                if (m.isAnnotationPresent(Exercise.class) && seen.add(m.getName())) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private List<Class<?>> match(Path submission) {
        String file = submission.getFileName() == null ? submission.toString() : submission.getFileName().toString();
        List<Class<?>> exact = new ArrayList<>();
        for (Class<?> r : rubrics) {
            if (r.getAnnotation(Rubric.class).notebook().equals(file)) {
                exact.add(r);
            }
        }
        if (!exact.isEmpty()) {
            return exact;
        }
        // The longest notebook stem contained in the file name: "alice-00-getting-started.ipynb".
        String best = null;
        for (Class<?> r : rubrics) {
            String stem = ExpectationRegistry.stem(r.getAnnotation(Rubric.class).notebook());
            if (file.contains(stem) && (best == null || stem.length() > best.length())) {
                best = stem;
            }
        }
        if (best != null) {
            String chosen = best;
            return rubrics.stream()
                    .filter(r -> ExpectationRegistry.stem(r.getAnnotation(Rubric.class).notebook()).equals(chosen)).toList();
        }
        return byExerciseTags(submission);
    }

    private List<Class<?>> byExerciseTags(Path submission) {
        Set<String> tags = new HashSet<>();
        try {
            Notebook.read(submission).exerciseCells().forEach(c -> tags.add(c.exerciseId().orElseThrow()));
        } catch (IOException | RuntimeException e) {
            return rubrics.size() == 1 ? rubrics : List.of();
        }
        Map<String, Integer> overlap = new LinkedHashMap<>();
        for (Class<?> r : rubrics) {
            int n = 0;
            for (Method m : exerciseMethods(r)) {
                if (tags.contains(m.getAnnotation(Exercise.class).id())) {
                    n++;
                }
            }
            if (n > 0) {
                overlap.merge(r.getAnnotation(Rubric.class).notebook(), n, Integer::sum);
            }
        }
        Optional<String> notebook = overlap.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        if (notebook.isEmpty()) {
            return rubrics.size() == 1 ? rubrics : List.of();
        }
        return rubrics.stream().filter(r -> r.getAnnotation(Rubric.class).notebook().equals(notebook.get())).toList();
    }

    private String rubricNotebooks() {
        return rubrics.stream().map(r -> r.getAnnotation(Rubric.class).notebook()).distinct().sorted().toList().toString();
    }

    static String oneLine(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getName();
        } else if (!(t instanceof AssertionError) && !(t instanceof IllegalStateException)) {
            msg = t.getClass().getSimpleName() + ": " + msg;
        }
        msg = msg.replaceAll("\\s*\\R\\s*", " ").strip();
        return msg.length() > 300 ? msg.substring(0, 297) + "..." : msg;
    }
}
