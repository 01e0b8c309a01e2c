package org.interp4j.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One notebook that does everything a submission can do wrong, run once: the cells must each
 * fail alone and later cells still see the earlier state.
 */
class NotebookRunnerTest {

    static final Path FIXTURES = Path.of(System.getProperty("interp4j.repo", ".."), "tests", "fixtures", "grade");
    private static RunResult run;
    private static int[] cell;

    @BeforeAll
    static void runNotebook() {
        Notebook nb = Notebook.create();
        String[] sources = {
            "%maven org.example:none:1.0\nimport org.interp4j.grade.*;\nint x = 2;\nSystem.out.println(\"x=\" + x);\nSystem.err.print(\"warn\");\nx * 21",
            "%%time\nString cwd = new File(\".\").getAbsoluteFile().getParent();\nFiles.writeString(Path.of(\"left-behind.txt\"), \"written by the notebook\");",
            "int y = x +;",
            "Object o = null;\no.toString();",
            "double mean = NotDoneYet.todo(\"demo.mean\");",
            "double[] arr = {1.5, 2.5};\nvar names = List.of(\"a\", \"b\");\nrecord P(int a, String b) {}\nvar p = new P(1, \"\u00e9\\\"\\n\");\nfloat f = 0.1f;\ndouble near = 3.875 + 5e-10;\ndouble far = 3.875 + 2e-9;\nint again = 1;\nint again = 2;\nString big = \"\\\"x\".repeat(60000) + \"\u00e9\";",
            "boolean nearOk = Check.verdict(\"demo.mean\", near).passed();\nboolean farOk = Check.verdict(\"demo.mean\", far).passed();",
            "System.exit(1);",
            "while (true) { }",
            "while (true) {\n    try {\n        while (true) { }\n    } catch (Throwable t) { }\n}",
            "int z = x + arr.length;",
            "Runtime.getRuntime().halt(3);",
            "int after = z + 1;",
            "%%bash\necho not java",
        };
        cell = new int[sources.length];
        for (int i = 0; i < sources.length; i++) {
            cell[i] = nb.addCell("code", sources[i]).index();
        }
        nb.cells().get(cell[4]).addTag("exercise:demo.mean");
        run = new NotebookRunner()
                .cellTimeout(Duration.ofSeconds(3))
                .addVmOptions("-D" + ExpectationRegistry.DIRS_PROPERTY + "=" + FIXTURES.resolve("expected").toAbsolutePath())
                .run(nb, "behaviour.ipynb");
    }

    @AfterAll
    static void close() {
        run.close();
    }

    private static CellResult result(int i) {
        return run.cells().stream().filter(c -> c.index() == cell[i]).findFirst().orElseThrow();
    }

    @Test
    void capturesOutputValueAndSkipsMagics() {
        CellResult c = result(0);
        assertEquals(CellStatus.OK, c.status(), c.toString());
        assertEquals("x=2\n", c.stdout());
        assertEquals("warn", c.stderr());
        assertEquals("42", c.lastValue());
        assertTrue(c.notes().get(0).contains("%maven"), c.notes().toString());
        assertEquals(CellStatus.OK, result(1).status(), result(1).toString());
        assertEquals(CellStatus.OK, result(13).status());
        assertTrue(result(13).notes().get(0).contains("%%bash"));
    }

    @Test
    void notebookWorksInItsOwnTemporaryDirectory() {
        String cwd = run.variable("cwd").asString();
        assertFalse(Path.of(cwd).toAbsolutePath().equals(Path.of("").toAbsolutePath()), cwd);
        assertFalse(Files.exists(Path.of("left-behind.txt")));
    }

    @Test
    void compileErrorsAndExceptionsFailTheirCellOnly() {
        CellResult compile = result(2);
        assertEquals(CellStatus.COMPILE_ERROR, compile.status());
        assertTrue(compile.message().startsWith("the cell does not compile: line 1:"), compile.message());
        CellResult npe = result(3);
        assertEquals(CellStatus.ERROR, npe.status());
        assertTrue(npe.message().contains("java.lang.NullPointerException"), npe.message());
        CellResult todo = result(4);
        assertEquals(CellStatus.NOT_DONE, todo.status());
        assertEquals("not done yet", todo.message());
        assertEquals(CellStatus.NOT_DONE, run.exercise("demo.mean").orElseThrow().status());
    }

    @Test
    void exitFailsTheCellAndKeepsTheState() {
        CellResult exit = result(7);
        assertEquals(CellStatus.EXIT, exit.status());
        assertEquals("the cell called System.exit(1)", exit.message());
        CellResult halt = result(11);
        assertEquals(CellStatus.EXIT, halt.status());
        assertTrue(halt.message().contains("(3)"), halt.message());
        assertEquals(CellStatus.OK, result(12).status(), result(12).toString());
        assertEquals(5, run.variable("after").asLong());
    }

    @Test
    void endlessLoopsAreStoppedOrKilledAndTheRunGoesOn() {
        CellResult stopped = result(8);
        assertEquals(CellStatus.TIMEOUT, stopped.status());
        assertTrue(stopped.message().contains("did not finish within 3.0 s"), stopped.message());
        if (Runtime.version().feature() < 20) {
            // Up to JDK 19 the running thread can be stopped in place, keeping the JVM and its state.
            assertTrue(stopped.notes().contains("stopped the running code; the notebook's state is kept"),
                    stopped.notes().toString());
            assertTrue(stopped.duration().toMillis() < 8_000, stopped.duration().toString());
        }
        CellResult killed = result(9);
        assertEquals(CellStatus.TIMEOUT, killed.status());
        assertTrue(String.join(" ", killed.notes()).contains("re-ran"), killed.notes().toString());
        // State from before the kill was restored by re-running the cells that had succeeded.
        assertEquals(CellStatus.OK, result(10).status(), result(10).toString());
        assertEquals(4, run.variable("z").asLong());
        // One restart for the kill; JDKs without a security manager also restart after each exit.
        assertTrue(run.restarts() >= 1, "restarts: " + run.restarts());
    }

    @Test
    void variablesComeBackAsData() {
        assertEquals(2, run.variable("x").asLong());
        assertArrayEquals(new double[] {1.5, 2.5}, run.variable("arr").asDoubleArray());
        assertEquals(List.of("a", "b"), run.variable("names").asStringList());
        assertEquals("\u00e9\"\n", run.variable("p").get("b").asString());
        assertEquals(0.1, run.variable("f").asDouble());
        // A variable declared again holds its new value, as in Jupyter.
        assertEquals(2, run.variable("again").asLong());
        // JShell cuts long values short: a long one still comes back whole.
        assertEquals("\"x".repeat(60000) + "\u00e9", run.variable("big").asString());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> run.variable("nope"));
        assertEquals("variable nope is not defined in the notebook", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> run.variable("x); System.exit(0"));
    }

    @Test
    void selfCheckInTheNotebookAgreesWithTheGraderSide() throws Exception {
        Expectation mean = ExpectationRegistry.readOnce(FIXTURES.resolve("expected/grade-demo.json")).get("demo.mean");
        for (String[] pair : new String[][] {{"near", "nearOk"}, {"far", "farOk"}}) {
            boolean grader = mean.check(run.variable(pair[0]).json()).passed();
            boolean selfCheck = run.variable(pair[1]).asBoolean();
            assertEquals(grader, selfCheck, pair[0]);
        }
        assertTrue(run.variable("nearOk").asBoolean());
        assertFalse(run.variable("farOk").asBoolean());
    }

    @Test
    void overheadIsMeasured() {
        // Reported, not asserted beyond sanity: start-up of the notebook JVM + JShell, and a trivial cell.
        System.out.printf("JShell start-up %d ms; first trivial cell %d ms%n",
                run.startupTime().toMillis(), result(0).duration().toMillis());
        assertTrue(run.startupTime().toMillis() > 0);
        assertNull(result(2).lastValue());
    }
}
