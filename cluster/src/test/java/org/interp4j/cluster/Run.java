package org.interp4j.cluster;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a command line in this JVM and keeps its exit status and what it wrote to its out and err writers. */
record Run(int status, String out, String err) {

    static Run cluster(String... args) {
        return of(ClusterMain.commandLine(), args);
    }

    static Run of(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        // Shown in the test report too.
        System.out.print(out);
        System.err.print(err);
        return new Run(status, out.toString(), err.toString());
    }
}
