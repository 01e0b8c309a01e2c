package org.interp4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.interp4j.grade.StudentVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes the student notebooks from the solution notebooks (solution blocks removed, outputs cleared). */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Make student notebooks from solution notebooks.")
public final class ReleaseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SOLUTION", arity = "1..*", description = "Solution .ipynb files.")
    List<Path> solutions;

    @Option(names = "--out", defaultValue = "notebooks", description = "Folder for the student versions (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        for (Path s : solutions) {
            Path target = out.resolve(s.getFileName());
            StudentVersion.write(s, target);
            System.out.println(s + " -> " + target);
        }
        return 0;
    }
}
