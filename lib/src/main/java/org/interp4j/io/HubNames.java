package org.interp4j.io;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.interp4j.text.EditDistance;

/** Close-name suggestions for a mistyped model id, by edit distance over a list of known ids. */
public final class HubNames {
    private HubNames() {}

    static List<String> closest(String wanted, List<String> known, int max) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        return known.stream()
                .filter(k -> !k.equalsIgnoreCase(wanted))
                .map(k -> new Object[] {k, distance(w, k.toLowerCase(Locale.ROOT))})
                .filter(p -> (int) p[1] <= limit)
                .sorted(Comparator.comparingInt(p -> (int) p[1]))
                .limit(max)
                .map(p -> "'" + p[0] + "'")
                .collect(Collectors.toList());
    }

    /** Levenshtein distance, also comparing against the id's name part so 'pythia-70m' finds 'EleutherAI/pythia-70m'. */
    public static int distance(String a, String b) {
        int full = EditDistance.between(a, b);
        int slash = b.indexOf('/');
        return slash < 0 || a.contains("/") ? full : Math.min(full, EditDistance.between(a, b.substring(slash + 1)));
    }
}
