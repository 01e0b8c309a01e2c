package org.interp4j.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Neuron lists as the command line gives them ({@code 0-159}, {@code 3,7,12}) and their split into contiguous parts. */
public final class NeuronSplit {

    private NeuronSplit() {
    }

    /** Items {@code N} or {@code A-B} (both ends included), in the order given. */
    public static int[] parse(List<String> items) {
        List<Integer> out = new ArrayList<>();
        for (String raw : items) {
            String item = raw.strip();
            try {
                int dash = item.indexOf('-', 1);
                if (dash < 0) {
                    out.add(Integer.parseInt(item));
                } else {
                    int from = Integer.parseInt(item.substring(0, dash).strip());
                    int to = Integer.parseInt(item.substring(dash + 1).strip());
                    if (to < from) {
                        throw new IllegalArgumentException("--neurons " + item + " is an empty range: write it low-high, e.g. 0-159.");
                    }
                    for (int n = from; n <= to; n++) out.add(n);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--neurons " + item + " is not a neuron: give numbers or ranges, e.g. 0-159 or 3,7,12.");
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Consecutive slices, in order, whose sizes differ by at most one; never an empty one. */
    public static List<int[]> split(int[] neurons, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + parts + ".");
        }
        int k = Math.min(parts, neurons.length);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int from = (int) ((long) i * neurons.length / k), to = (int) ((long) (i + 1) * neurons.length / k);
            out.add(Arrays.copyOfRange(neurons, from, to));
        }
        return out;
    }
}
