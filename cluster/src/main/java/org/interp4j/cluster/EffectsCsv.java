package org.interp4j.cluster;

import java.util.List;

/** Joins the CSV texts of consecutive neuron slices into the one table the unsplit run writes. */
public final class EffectsCsv {

    private EffectsCsv() {
    }

    /** The first part whole, then every other part without its header, which must be the same. */
    public static String merge(List<String> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no neuron effects to merge: give at least one neuron.");
        }
        String header = header(parts.get(0));
        StringBuilder out = new StringBuilder(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            String h = header(parts.get(i));
            if (!h.equals(header)) {
                throw new IllegalStateException("part " + i + " has columns " + h.strip() + " but part 0 has " + header.strip()
                        + ": every executor must run the same interp4j version.");
            }
            out.append(parts.get(i), h.length(), parts.get(i).length());
        }
        return out.toString();
    }

    /** The first line with its line end. */
    private static String header(String csv) {
        int end = csv.indexOf('\n');
        return end < 0 ? csv : csv.substring(0, end + 1);
    }
}
