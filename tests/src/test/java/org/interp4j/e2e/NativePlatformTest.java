package org.interp4j.e2e;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.interp4j.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The build copies the PyTorch native jar of the machine it runs on, without that machine: a child Maven is told
 * another os.name and os.arch (what the profiles in pom.xml are activated by), runs lib's own executions that clear
 * other machines' native jars and copy the runtime dependencies, into a temporary folder instead of lib/target/lib,
 * and the one native jar there is checked by name and by the native library inside it. DJL's JNI and tokenizers
 * jars are the same on every machine; they must hold this machine's library too. Offline: setup.sh --for-tests puts
 * every machine's native jar in the local Maven repository.
 */
class NativePlatformTest {
    private static final Path REPO = Fixtures.repo();

    @TempDir Path out;

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "Linux,    amd64,   linux-x86_64, libtorch_cpu.so,    libdjl_torch.so,    libtokenizers.so",
        "Linux,    aarch64, linux-aarch64, libtorch_cpu.so,   libdjl_torch.so,    libtokenizers.so",
        "Mac OS X, aarch64, osx-aarch64,  libtorch_cpu.dylib, libdjl_torch.dylib, libtokenizers.dylib",
    })
    void eachMachineGetsItsOwnNativeJar(String osName, String osArch, String classifier, String torch, String jni,
            String tokenizers) throws Exception {
        copyRuntimeDependencies(osName, osArch);
        assertCopiedFor(classifier, torch, jni, tokenizers);
    }

    // Told os.name "Windows ...", Maven 3.8's console library loads Windows-only code and Maven cannot start on
    // Linux, so the Windows profile is forced by its id on a machine no profile matches.
    @Test
    void theWindowsProfileCopiesTheWindowsJar() throws Exception {
        copyRuntimeDependencies("Plan 9", "mips", "-P", "native-win-x86_64");
        assertCopiedFor("win-x86_64", "torch_cpu.dll", "djl_torch.dll", "tokenizers.dll");
    }

    @Test
    void theCommandLineBuildsForAnotherMachine() throws Exception {
        copyRuntimeDependencies("Linux", "amd64", "-Dinterp4j.native=osx-aarch64");
        assertCopiedFor("osx-aarch64", "libtorch_cpu.dylib", "libdjl_torch.dylib", "libtokenizers.dylib");
    }

    @Test
    void anIntelMacStopsWithWhatToDo() throws Exception {
        String output = validateParent("Mac OS X", "x86_64");
        assertTrue(output.contains("No PyTorch") && output.contains("interp4j.native=osx-x86_64")
                && output.contains("On an Intel Mac run the kit in a Linux x86-64 container"), output);
    }

    @Test
    void anUnknownMachineStopsWithWhatToDo() throws Exception {
        String output = validateParent("Plan 9", "mips");
        assertTrue(output.contains("interp4j.native=unsupported") && output.contains("-Dinterp4j.native="), output);
    }

    private void copyRuntimeDependencies(String osName, String osArch, String... extra) throws Exception {
        // A stale jar from a build for another machine, which the build must remove.
        Files.createFile(out.resolve("pytorch-native-cpu-0.0.0-stale-machine.jar"));
        List<String> args = new ArrayList<>(List.of("-f", "lib/pom.xml",
                "clean:clean@other-machines-natives", "dependency:copy-dependencies@copy-runtime-dependencies",
                "-Dinterp4j.libDir=" + out, "-DincludeGroupIds=ai.djl.pytorch,ai.djl.huggingface"));
        args.addAll(List.of(extra));
        Result r = maven(osName, osArch, args.toArray(String[]::new));
        assertEquals(0, r.exit, "Maven failed (offline: run environment/setup.sh --for-tests first):\n" + r.output);
    }

    private String validateParent(String osName, String osArch) throws Exception {
        Result r = maven(osName, osArch, "-N", "validate");
        assertNotEquals(0, r.exit, "the build must stop on " + osName + " " + osArch + ":\n" + r.output);
        return r.output;
    }

    private void assertCopiedFor(String classifier, String torch, String jni, String tokenizers) throws IOException {
        List<String> natives;
        try (Stream<Path> files = Files.list(out)) {
            natives = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pytorch-native-cpu-"))
                    .sorted().toList();
        }
        assertEquals(1, natives.size(), "exactly one native jar: " + natives);
        assertTrue(natives.get(0).matches("pytorch-native-cpu-[0-9.]+-" + classifier + "\\.jar"), natives.get(0));
        assertHas(out.resolve(natives.get(0)), "pytorch/cpu/" + classifier + "/" + torch);
        assertHas(only("pytorch-jni-"), "jnilib/" + classifier + "/cpu/" + jni);
        assertHas(only("tokenizers-"), "native/lib/" + classifier + "/cpu/" + tokenizers);
    }

    private Path only(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), prefix + "*.jar: " + found);
            return found.get(0);
        }
    }

    private static void assertHas(Path jar, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertNotNull(zip.getEntry(entry), jar.getFileName() + " lacks " + entry);
        }
    }

    private record Result(int exit, String output) {}

    /** Offline Maven in the repository, its JVM reporting osName and osArch as this machine's. */
    private static Result maven(String osName, String osArch, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn", "-o", "-B", "-q"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        // A short-lived Maven starts two to four times faster with only the quick JIT and the serial collector.
        // JDK_JAVA_OPTIONS, unlike MAVEN_OPTS, keeps a quoted value with spaces ("Mac OS X") in one piece.
        pb.environment().put("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
                + " -Dos.name=\"" + osName + "\" -Dos.arch=" + osArch);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "Maven did not finish: " + command);
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
