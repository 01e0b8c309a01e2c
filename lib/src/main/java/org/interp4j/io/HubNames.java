package org.interp4j.io;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Close-name suggestions for a mistyped model id, by edit distance over a list of known ids. */
final class HubNames {
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
    static int distance(String a, String b) {
        int full = levenshtein(a, b);
        int slash = b.indexOf('/');
        return slash < 0 || a.contains("/") ? full : Math.min(full, levenshtein(a, b.substring(slash + 1)));
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
