package org.interp4j.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import smile.classification.LogisticRegression;

/**
 * Multivariate probe: how well do all units of a layer together predict the label? An L2-regularised
 * logistic regression (Smile) over every unit, scored by stratified k-fold cross-validated accuracy.
 * Features are standardised inside each fold with the training part's mean and standard deviation,
 * so nothing about the held-out samples leaks into training. Folds come from a seeded shuffle: the
 * same seed gives the same folds and the same accuracy.
 */
public final class LayerProbe {

    /** @param lambda L2 penalty of Smile's logistic regression; @param folds k of k-fold. */
    public record Options(int folds, double lambda, long seed, double tol, int maxIter) {
        public static Options defaults() {
            // 1000 L-BFGS iterations: with shuffled labels on a layer of 960 units 500 were not always enough
            return new Options(5, 1.0, 0L, 1e-5, 1000);
        }

        public Options withSeed(long s) {
            return new Options(folds, lambda, s, tol, maxIter);
        }

        public Options withLambda(double l) {
            return new Options(folds, l, seed, tol, maxIter);
        }

        public Options withFolds(int k) {
            return new Options(k, lambda, seed, tol, maxIter);
        }
    }

    /** Mean held-out accuracy in percent (over samples, i.e. pooled over folds) and each fold's. */
    public record CrossValidation(double accuracy, double[] foldAccuracy) {}

    private LayerProbe() {}

    /** @param x one layer's activations [samples][units]; @param y labels 0/1. */
    public static CrossValidation crossValidate(float[][] x, int[] y, Options options) {
        ActivationMatrix.ofRows(x); // shape check
        double[] labels = UnitProbes.checkLabels(y, x.length);
        int[] fold = stratifiedFolds(labels, options.folds(), options.seed());
        int k = options.folds();
        double[] foldAccuracy = new double[k];
        int correct = 0;
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) (fold[i] == f ? test : train).add(i);
            int[] predicted = fitAndPredict(x, y, train, test, options, "fold " + f);
            int hits = 0;
            for (int t = 0; t < predicted.length; t++) if (predicted[t] == y[test.get(t)]) hits++;
            foldAccuracy[f] = 100.0 * hits / test.size();
            correct += hits;
        }
        return new CrossValidation(100.0 * correct / x.length, foldAccuracy);
    }

    public static CrossValidation crossValidate(float[][] x, int[] y) {
        return crossValidate(x, y, Options.defaults());
    }

    /** Cross-validated accuracy (percent) of each layer, e.g. the lecture's laminar profile. */
    public static double[] perLayer(List<float[][]> layers, int[] y, Options options) {
        double[] out = new double[layers.size()];
        for (int l = 0; l < out.length; l++) out[l] = crossValidate(layers.get(l), y, options).accuracy();
        return out;
    }

    /**
     * Fits on the {@code train} rows and predicts the {@code test} rows (standardised with the
     * training rows' mean and standard deviation): the step shared by k-fold cross-validation and
     * {@link HeldOutWords}.
     */
    static int[] fitAndPredict(float[][] x, int[] y, List<Integer> train, List<Integer> test, Options options,
                               String part) {
        double[][] scale = standardiser(x, train);
        int[] trainY = train.stream().mapToInt(i -> y[i]).toArray();
        requireBothClasses(trainY, part);
        LogisticRegression model = LogisticRegression.binomial(
                features(x, train, scale), trainY, options.lambda(), options.tol(), options.maxIter());
        double[][] testX = features(x, test, scale);
        int[] out = new int[testX.length];
        for (int t = 0; t < testX.length; t++) out[t] = model.predict(testX[t]);
        return out;
    }

    /** Fold of each sample: each class shuffled with the seed and dealt round-robin, so folds keep the class balance. */
    static int[] stratifiedFolds(double[] y, int k, long seed) {
        int n = y.length;
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("Cannot make " + k + " folds from " + n + " samples: use 2 ≤ folds ≤ samples.");
        }
        Random rnd = new Random(seed);
        int[] fold = new int[n];
        int next = 0;
        for (double cls : new double[] {0.0, 1.0}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) if (y[i] == cls) members.add(i);
            Collections.shuffle(members, rnd);
            for (int i : members) fold[i] = next++ % k;
        }
        return fold;
    }

    /** Per-unit mean and standard deviation over the training rows; constant units get scale 1. */
    private static double[][] standardiser(float[][] x, List<Integer> rows) {
        int units = x[0].length;
        double[] mean = new double[units], sd = new double[units];
        for (int i : rows) for (int u = 0; u < units; u++) mean[u] += x[i][u];
        for (int u = 0; u < units; u++) mean[u] /= rows.size();
        for (int i : rows) for (int u = 0; u < units; u++) { double d = x[i][u] - mean[u]; sd[u] += d * d; }
        for (int u = 0; u < units; u++) {
            sd[u] = Math.sqrt(sd[u] / rows.size());
            if (!(sd[u] > 0)) sd[u] = 1.0;
        }
        return new double[][] {mean, sd};
    }

    private static double[][] features(float[][] x, List<Integer> rows, double[][] scale) {
        int units = x[0].length;
        double[][] out = new double[rows.size()][units];
        for (int r = 0; r < out.length; r++) {
            float[] src = x[rows.get(r)];
            for (int u = 0; u < units; u++) out[r][u] = (src[u] - scale[0][u]) / scale[1][u];
        }
        return out;
    }

    private static void requireBothClasses(int[] y, String part) {
        int ones = 0;
        for (int v : y) ones += v;
        if (ones == 0 || ones == y.length) {
            throw new IllegalArgumentException("The training part of " + part + " has a single class: use fewer folds,"
                    + " or split so that each part holds both classes.");
        }
    }
}
