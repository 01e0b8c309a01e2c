package org.interp4j.probe;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * One logistic regression per unit ({@code P(y=1) = σ(intercept + beta·activation)}), all arrays
 * indexed by unit. {@code z} and {@code pValue} are the Wald test of the slope; {@code accuracy} is the
 * in-sample percent correct with "p > ½" as the prediction. Units flagged {@code constant} or
 * {@code perfectlySeparated} have no finite slope: their p-value is NaN (see {@link UnitProbes}).
 * The arrays are the result's own storage, not copies.
 */
public record UnitProbeResult(
        double[] beta,
        double[] intercept,
        double[] stdErrBeta,
        double[] stdErrIntercept,
        double[] z,
        double[] pValue,
        double[] accuracy,
        int[] iterations,
        boolean[] converged,
        boolean[] perfectlySeparated,
        boolean[] constant) {

    static UnitProbeResult allocate(int units) {
        return new UnitProbeResult(new double[units], new double[units], new double[units], new double[units],
                new double[units], new double[units], new double[units], new int[units],
                new boolean[units], new boolean[units], new boolean[units]);
    }

    public int units() {
        return beta.length;
    }

    /** Units with a Bonferroni-significant positive slope: {@code p < alpha/units && beta > 0}. */
    public boolean[] bonferroniMask(double alpha) {
        return UnitProbes.bonferroniMask(pValue, beta, alpha);
    }

    /** {@link #bonferroniMask(double)} at alpha = 0.05, the lecture's threshold. */
    public boolean[] bonferroniMask() {
        return bonferroniMask(0.05);
    }

    /** Columns {@code unit, beta, intercept, pvalue, accuracy} (accuracy in percent). */
    public Table toTable(String name) {
        return Table.create(name,
                IntColumn.create("unit", IntStream.range(0, units()).toArray()),
                DoubleColumn.create("beta", beta),
                DoubleColumn.create("intercept", intercept),
                DoubleColumn.create("pvalue", pValue),
                DoubleColumn.create("accuracy", accuracy));
    }

    public Table toTable() {
        return toTable("probe");
    }

    /** Writes the {@link #toTable} columns as CSV, numbers in full precision (NaN, Infinity spelled out). */
    public void writeCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(w);
        }
    }

    public void writeCsv(Writer w) throws IOException {
        w.write("unit,beta,intercept,pvalue,accuracy\n");
        StringBuilder line = new StringBuilder(96);
        for (int u = 0; u < units(); u++) {
            line.setLength(0);
            line.append(u).append(',').append(beta[u]).append(',').append(intercept[u]).append(',')
                    .append(pValue[u]).append(',').append(accuracy[u]).append('\n');
            w.write(line.toString());
        }
    }
}
