package org.interp4j.data;

import java.util.Arrays;
import org.interp4j.io.Npy;

/**
 * 0/1 class labels, one per sample (1: the sample shows the concept or class, 0: it does not). The
 * checks every method that takes labels makes, in one place, so a wrong label reads the same
 * wherever it is caught. Whether both classes must be present, and why, the caller says: a probe
 * and an expertise ranking need them for different reasons.
 */
public final class Labels {

    private Labels() {
    }

    /** Checks that {@code y} holds one 0/1 label per sample and returns how many are 1. */
    public static int positives(int[] y, int samples) {
        if (y == null) throw new IllegalArgumentException("Labels are missing: pass one 0/1 label per sample.");
        if (y.length != samples) {
            throw new IllegalArgumentException("Got " + y.length + " labels for " + samples
                    + " samples: give exactly one 0/1 label per sample (row).");
        }
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) throw notZeroOrOne(Integer.toString(y[i]), i, null);
            positives += y[i];
        }
        return positives;
    }

    /**
     * Labels read from an {@code .npy} array, which must be 1-D (or a [n, 1] column) and hold only 0
     * and 1. {@code source} names the file in the messages.
     */
    public static int[] fromNpy(Npy.Array a, String source) {
        long[] shape = a.shape();
        if (!(shape.length == 1 || (shape.length == 2 && shape[1] == 1))) {
            throw new IllegalArgumentException(source + " has shape " + Arrays.toString(shape)
                    + ": save the labels as a 1-D array with one 0/1 label per sample.");
        }
        long[] raw = a.toLongs();
        int[] y = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != 0 && raw[i] != 1) throw notZeroOrOne(Long.toString(raw[i]), i, source);
            y[i] = (int) raw[i];
        }
        return y;
    }

    /** Labels given as numbers of any type (e.g. a tensor's values): each must be exactly 0 or 1. */
    public static int[] fromNumbers(double[] values) {
        int[] y = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0.0 && values[i] != 1.0) throw notZeroOrOne(Double.toString(values[i]), i, null);
            y[i] = (int) values[i];
        }
        return y;
    }

    private static IllegalArgumentException notZeroOrOne(String value, int sample, String source) {
        return new IllegalArgumentException("Label " + value + " at sample " + sample + (source == null ? "" : " in " + source)
                + " is not 0 or 1: mark the samples of one class 1 and the others 0.");
    }
}
