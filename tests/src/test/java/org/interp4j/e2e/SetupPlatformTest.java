package org.interp4j.e2e;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * environment/setup.sh's reading of the machine, for every answer uname gives on the machines the kit is for:
 * `setup.sh --platform` with INTERP4J_UNAME_S and INTERP4J_UNAME_M standing in for uname -s and uname -m prints
 * the PyTorch native classifier and how fonts and Chromium get installed there. (Linux expects apt-get: the
 * machines that run this test are Debian.)
 */
class SetupPlatformTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
        "Linux                  | x86_64  | linux-x86_64  | apt-get | chromium with your package manager",
        "Linux                  | aarch64 | linux-aarch64 | apt-get | chromium with your package manager",
        "Darwin                 | arm64   | osx-aarch64   | brew    | brew install --cask chromium",
        "Darwin                 | x86_64  | none          | brew    | brew install --cask chromium",
        "MINGW64_NT-10.0-19045  | x86_64  | win-x86_64    | manual  | install Google Chrome",
        "MSYS_NT-10.0-22631     | x86_64  | win-x86_64    | manual  | install Google Chrome",
        "CYGWIN_NT-10.0         | x86_64  | win-x86_64    | manual  | install Google Chrome",
        "MINGW64_NT-10.0-22631  | arm64   | none          | manual  | install Google Chrome",
        "FreeBSD                | amd64   | none          | manual  | Chromium yourself",
    })
    void eachMachineGetsItsClassifierAndInstallAdvice(String unameS, String unameM, String classifier, String packages,
            String advice) throws Exception {
        String out = platform(unameS, unameM);
        assertTrue(out.contains(" native=" + classifier + " packages=" + packages + "\n"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("advice=") && l.contains(advice)), out);
        // a machine without a native library is told what to do instead, before anything is installed
        assertEquals(classifier.equals("none"), out.contains("\nnative-advice="), out);
    }

    @ParameterizedTest
    @CsvSource({"Darwin, x86_64, Intel Macs", "Linux, riscv64, linux on riscv64"})
    void aMachineWithoutPyTorchIsToldWhy(String unameS, String unameM, String why) throws Exception {
        String out = platform(unameS, unameM);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("native-advice=") && l.contains(why)), out);
    }

    private static String platform(String unameS, String unameM) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "environment/setup.sh", "--platform")
                .directory(Fixtures.repo().toFile()).redirectErrorStream(true);
        pb.environment().put("INTERP4J_UNAME_S", unameS);
        pb.environment().put("INTERP4J_UNAME_M", unameM);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "setup.sh --platform did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
