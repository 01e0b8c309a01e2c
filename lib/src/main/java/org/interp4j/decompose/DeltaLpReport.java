package org.interp4j.decompose;

import java.util.List;
import java.util.function.LongFunction;

/**
 * The ΔLP text of the original scripts, one block per timestep, blocks separated by a blank line:
 * <pre>
 * my_corpus_opt-125m_0 Timestep 2/28
 * LP(Ġyou | &lt;/s&gt; If) = -1.2170559167861938
 * -&lt;/s&gt; = -1.3649682998657227;	Delta LP: 0.1479123830795288
 * -If = -3.690932035446167;	Delta LP: 2.4738759994506836
 * Timestep 2, argmax: 1, distance: 1
 * </pre>
 * Tokens are the raw vocabulary entries (e.g. {@code Ġyou}); the context is the tokens so far
 * joined by spaces; numbers print as Python prints a float32 value. After the last block comes
 * {@code Max distance: N}, the largest distance of the text.
 */
public final class DeltaLpReport {
    private DeltaLpReport() {}

    public static String format(String identifier, long[] ids, List<DeltaLpStep> steps, LongFunction<String> token) {
        StringBuilder out = new StringBuilder();
        int total = steps.size(), maxDistance = Integer.MIN_VALUE;
        for (DeltaLpStep s : steps) {
            if (out.length() > 0) out.append('\n');
            int i = s.timestep();
            out.append(identifier).append(" Timestep ").append(i).append('/').append(total).append('\n');
            StringBuilder context = new StringBuilder();
            for (int k = 0; k < i; k++) {
                if (k > 0) context.append(' ');
                context.append(token.apply(ids[k]));
            }
            out.append("LP(").append(token.apply(s.predicted())).append(" | ").append(context).append(") = ")
                    .append(PythonFloat.repr(s.lp())).append('\n');
            for (int k = 0; k < s.sources().length; k++) {
                out.append('-').append(token.apply(ids[s.sources()[k]])).append(" = ")
                        .append(PythonFloat.repr(s.ablatedLp()[k])).append(";\tDelta LP: ")
                        .append(PythonFloat.repr(s.delta()[k])).append('\n');
            }
            out.append("Timestep ").append(i).append(", argmax: ").append(s.argmax()).append(", distance: ")
                    .append(s.distance()).append('\n');
            maxDistance = Math.max(maxDistance, s.distance());
        }
        if (!steps.isEmpty()) out.append("Max distance: ").append(maxDistance).append('\n');
        return out.toString();
    }
}
