package org.interp4j.e2e;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The set-up files agree with each other: every top-level Python package is pinned and the lock
 * installs that same version, the model checksum is well formed, the two commands exist and CI
 * runs the test command, and the Windows entry point runs the Makefile's commands. (The set-up itself is
 * exercised by `make test`.)
 */
class KitFilesTest {
    private static final Path REPO = Path.of(System.getProperty("interp4j.repo", ".."));
    private static final Pattern PIN = Pattern.compile("^([A-Za-z0-9_.-]+)==(\\S+)$");

    private static Map<String, String> pins(Path file) throws IOException {
        Map<String, String> pins = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = PIN.matcher(line);
            assertTrue(m.matches(), file.getFileName() + ": not pinned with ==: " + line);
            pins.put(m.group(1).toLowerCase().replace('_', '-'), m.group(2));
        }
        return pins;
    }

    @Test
    void everyTopLevelPackageIsPinnedAndLockedAtTheSameVersion() throws IOException {
        Map<String, String> top = pins(REPO.resolve("environment/requirements.txt"));
        Map<String, String> lock = pins(REPO.resolve("environment/requirements.lock"));
        for (String name : new String[] {"jupyterlab", "jjava", "nbclient", "nbconvert", "papermill", "ipykernel"}) {
            assertTrue(top.containsKey(name), "requirements.txt lacks " + name);
        }
        top.forEach((name, version) -> assertEquals(version, lock.get(name),
                "requirements.lock must install " + name + "==" + version + ": regenerate it with pip freeze"));
        assertTrue(lock.size() > top.size(), "the lock lists the dependencies too");
    }

    @Test
    void defaultModelChecksumAndWheelAreRecorded() throws IOException {
        String line = Files.readString(REPO.resolve("environment/default-model.sha256")).strip();
        assertTrue(line.matches("[0-9a-f]{64}  \\S+\\.gguf"), line);
        assertTrue(Files.readString(REPO.resolve("environment/default-model.wheel")).strip().matches("[a-z0-9-]+==\\S+"));
    }

    @Test
    void theTwoCommandsExistAndCiRunsTheTestCommand() throws IOException {
        String makefile = Files.readString(REPO.resolve("Makefile"));
        assertTrue(makefile.contains("\nlab: setup\n"), "Makefile has a lab target that sets up first");
        int test = makefile.indexOf("\ntest:\n");
        assertTrue(test >= 0, "Makefile has a test target");
        String recipe = makefile.substring(test, makefile.indexOf("\n\n", test));
        assertTrue(recipe.indexOf("environment/setup.sh --for-tests") >= 0
                && recipe.indexOf("environment/setup.sh --for-tests") < recipe.indexOf("test-java"),
                "Makefile's test target sets up first");
        String ci = Files.readString(REPO.resolve(".ci/run"));
        assertTrue(ci.lines().anyMatch(l -> l.strip().equals("exec make test")), ".ci/run runs make test");
        assertTrue(Files.isExecutable(REPO.resolve("environment/setup.sh")), "setup.sh is executable");
    }

    @Test
    void theWindowsEntryPointRunsTheMakefilesCommands() throws IOException {
        String makefile = Files.readString(REPO.resolve("Makefile"));
        String ps1 = Files.readString(REPO.resolve("environment/setup.ps1"));
        Matcher flag = Pattern.compile("--[A-Za-z_.-]+=[A-Za-z0-9_.-]+").matcher(makefile);
        int flags = 0;
        for (; flag.find(); flags++) {
            assertTrue(ps1.contains(flag.group()), "setup.ps1 lab lacks the Makefile's " + flag.group());
        }
        assertTrue(flags >= 3, "the Makefile's jupyter lab flags were found");
        for (String command : new String[] {"mvn -B test", "tests/e2e/run_notebooks.py --jobs 2", "node --test lab.test.mjs"}) {
            assertTrue(makefile.contains(command), "Makefile runs " + command);
            assertTrue(ps1.contains(command), "setup.ps1 test runs " + command + " as the Makefile does");
        }
        assertTrue(makefile.contains("environment/setup.sh --for-tests") && ps1.contains("'--for-tests'")
                && ps1.contains("'environment/setup.sh'"), "both set up through environment/setup.sh");
    }

    @Test
    void playwrightIsPinnedExactly() throws IOException {
        String pkg = Files.readString(REPO.resolve("tests/e2e/package.json"));
        assertTrue(pkg.matches("(?s).*\"playwright-core\": \"\\d+\\.\\d+\\.\\d+\".*"), "exact playwright-core version");
        assertTrue(Files.readString(REPO.resolve("tests/e2e/package-lock.json")).contains("node_modules/playwright-core"));
    }
}
