package org.interp4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.interp4j.model.LanguageModel;
import org.interp4j.model.ModelOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a model's logits (and optionally its final hidden state) for rows of token ids, as JSON. */
@Command(name = "logits", mixinStandardHelpOptions = true,
        description = "Print logits [batch][position][vocab] as JSON for rows of token ids.")
public final class LogitsCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Folder, .gguf file, hub id or kit model name.")
    String model;

    @Option(names = "--ids", required = true, description = "Rows of ids: commas within a row, ';' between rows, e.g. \"5,17,300;1,2,3\".")
    String ids;

    @Option(names = "--hidden", description = "Also print \"last_hidden\" (post-final-norm) [batch][position][d_model].")
    boolean hidden;

    @Option(names = "--revision", defaultValue = "main", description = "Hub revision (branch, tag or commit).")
    String revision;

    @Override
    public Integer call() throws Exception {
        long[][] rows = parseIds(ids);
        try (LanguageModel m = LanguageModel.load(model, revision); ModelOutput out = m.run(rows)) {
            PrintStream stdout = System.out;
            try (JsonGenerator g = new JsonFactory().createGenerator(stdout)) {
                g.writeStartObject();
                write(g, "logits", out.logits().toFloatArray(), out.logits().getShape().getShape());
                if (hidden) write(g, "last_hidden", out.lastHidden().toFloatArray(), out.lastHidden().getShape().getShape());
                g.writeEndObject();
            }
            stdout.println();
        }
        return 0;
    }

    static long[][] parseIds(String text) {
        String[] parts = text.trim().split(";");
        long[][] rows = new long[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            try {
                rows[i] = Arrays.stream(parts[i].split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .mapToLong(Long::parseLong).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--ids must be whole numbers separated by ',' and ';' (got \"" + text + "\").");
            }
            if (rows[i].length == 0) throw new IllegalArgumentException("Row " + i + " of --ids is empty.");
        }
        return rows;
    }

    private static void write(JsonGenerator g, String name, float[] data, long[] shape) throws IOException {
        g.writeFieldName(name);
        int b = (int) shape[0], p = (int) shape[1], v = (int) shape[2];
        g.writeStartArray();
        for (int i = 0; i < b; i++) {
            g.writeStartArray();
            for (int t = 0; t < p; t++) {
                g.writeStartArray();
                int base = (i * p + t) * v;
                for (int k = 0; k < v; k++) g.writeNumber(data[base + k]);
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
