package org.interp4j.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The library's layers, as the README's architecture section states them. Dependencies point one
 * way: core ← shared science ← lectures ← faces. Within core and within the lectures, packages may
 * use each other only as listed; no two packages depend on each other in a cycle.
 */
@AnalyzeClasses(packages = "org.interp4j", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String LIB = "org.interp4j.";
    // Declared before the rules that read it: static fields initialise in order.
    private static final String[] LECTURES = {"probe", "expertise", "steer", "ablate", "decompose"};

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("core").definedBy(LIB + "model..", LIB + "io..", LIB + "tokenize..", LIB + "hooks..",
                    LIB + "text..")
            .layer("shared science").definedBy(LIB + "data..", LIB + "responses..")
            .layer("lectures").definedBy(LIB + "probe..", LIB + "expertise..", LIB + "steer..", LIB + "ablate..",
                    LIB + "decompose..")
            .layer("faces").definedBy(LIB + "show..", LIB + "grade..", LIB + "cli..")
            .whereLayer("faces").mayNotBeAccessedByAnyLayer()
            .whereLayer("lectures").mayOnlyBeAccessedByLayers("faces")
            .whereLayer("shared science").mayOnlyBeAccessedByLayers("lectures", "faces")
            .whereLayer("core").mayOnlyBeAccessedByLayers("shared science", "lectures", "faces");

    /** Lectures stand alone; conditioned generation (steer) may also use the expert units it conditions on. */
    @ArchTest
    static final ArchRule probeStandsAlone = onlyUses("probe");
    @ArchTest
    static final ArchRule expertiseStandsAlone = onlyUses("expertise");
    @ArchTest
    static final ArchRule ablateStandsAlone = onlyUses("ablate");
    @ArchTest
    static final ArchRule decomposeStandsAlone = onlyUses("decompose");
    @ArchTest
    static final ArchRule steerUsesOnlyExpertise = onlyUses("steer", "expertise");

    /** No class of {@code lecture} depends on a lecture package other than itself and {@code allowed}. */
    private static ArchRule onlyUses(String lecture, String... allowed) {
        java.util.List<String> others = new java.util.ArrayList<>();
        for (String l : LECTURES) {
            if (!l.equals(lecture) && !java.util.Arrays.asList(allowed).contains(l)) others.add(LIB + l + "..");
        }
        return noClasses().that().resideInAPackage(LIB + lecture + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(new String[0]));
    }

    /** Checkpoints and the hub cache know nothing of hooks; the edit distance both use lives in {@code text}. */
    @ArchTest
    static final ArchRule ioDoesNotUseHooks = noClasses().that().resideInAPackage(LIB + "io..")
            .should().dependOnClassesThat().resideInAPackage(LIB + "hooks..");

    @ArchTest
    static final ArchRule noCycles = slices().matching(LIB + "(*)..").should().beFreeOfCycles();
}
