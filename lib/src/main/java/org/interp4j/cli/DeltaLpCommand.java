package org.interp4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.interp4j.decompose.Articles;
import org.interp4j.decompose.DeltaLp;
import org.interp4j.decompose.DeltaLpReport;
import org.interp4j.decompose.DeltaLpStep;
import org.interp4j.model.LanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints ΔLP of every context token for every article of a file, in the original text format. */
@Command(name = "deltalp", mixinStandardHelpOptions = true,
        description = "For each article of a file split at '!ARTICLE' lines, print how much the log-probability "
                + "(base 2) of each next token drops when one context token's part is removed from the final hidden state.")
public final class DeltaLpCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Option(names = "--text", required = true, description = "Text file; each article starts with a line '!ARTICLE'.")
    Path text;

    @Mixin
    SourceLengthOption length;

    @Override
    public Integer call() throws Exception {
        int n = length.sources();
        if (n <= 0) {
            throw new IllegalArgumentException("--length must be at least 1 (got " + n + ").");
        }
        List<String> articles = Articles.read(text);
        String corpus = text.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (LanguageModel m = model.load()) {
            String modelName = Path.of(m.name()).getFileName().toString().replaceFirst("\\.gguf$", "");
            for (int i = 0; i < articles.size(); i++) {
                long[] ids = DeltaLp.ids(m, articles.get(i));
                if (ids.length > m.config().maxPositions()) {
                    throw new IllegalArgumentException("Article " + (i + 1) + " of " + text + " is " + ids.length
                            + " tokens long but " + m.name() + "'s context window is " + m.config().maxPositions()
                            + " tokens: split it into shorter articles.");
                }
                List<DeltaLpStep> steps = DeltaLp.compute(m, ids, n);
                if (i > 0) stdout.println();
                stdout.print(DeltaLpReport.format(corpus + "_" + modelName + "_" + i, ids, steps,
                        id -> m.tokenizer().tokenToString(id)));
            }
        }
        return 0;
    }
}
