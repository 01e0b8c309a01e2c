package org.interp4j.hooks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.interp4j.text.EditDistance;

/**
 * The hook point names of a model (TransformerLens names, the same for every architecture) and
 * the matching of name patterns against them. A pattern uses {@code *} for any run of characters
 * except dots ({@code blocks.*.attn.hook_q}) and {@code **} for anything.
 */
public final class HookPoints {
    /** Points outside the blocks, in forward order. */
    public static final String EMBED = "hook_embed";
    public static final String POS_EMBED = "hook_pos_embed";
    public static final String LN_FINAL = "ln_final.hook_normalized";
    public static final String LOGITS = "hook_logits";

    /** Points inside block l, in forward order, without the {@code blocks.l.} prefix. */
    public static final List<String> BLOCK_POINTS = List.of(
            "hook_resid_pre", "ln1.hook_normalized", "attn.hook_q", "attn.hook_k", "attn.hook_v",
            "attn.hook_attn_scores", "attn.hook_pattern", "attn.hook_z", "hook_attn_out",
            "hook_resid_mid", "ln2.hook_normalized", "mlp.hook_pre", "mlp.hook_post",
            "hook_mlp_out", "hook_resid_post");

    private final List<String> names;

    public HookPoints(int layers, boolean learnedPositions) {
        List<String> all = new ArrayList<>();
        all.add(EMBED);
        if (learnedPositions) all.add(POS_EMBED);
        for (int l = 0; l < layers; l++) {
            for (String p : BLOCK_POINTS) all.add(blockName(l, p));
        }
        all.add(LN_FINAL);
        all.add(LOGITS);
        this.names = List.copyOf(all);
    }

    public static String blockName(int layer, String point) {
        return "blocks." + layer + "." + point;
    }

    /** All names, in the order the forward pass reaches them. */
    public List<String> all() {
        return names;
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    /**
     * The names a name or pattern stands for, in forward order. Fails with the closest valid names
     * when nothing matches, so a typo is caught before a long run instead of silently doing nothing.
     */
    public List<String> resolve(String nameOrPattern) {
        if (!nameOrPattern.contains("*")) {
            if (names.contains(nameOrPattern)) return List.of(nameOrPattern);
            throw unknown(nameOrPattern);
        }
        Pattern p = toRegex(nameOrPattern);
        List<String> hits = names.stream().filter(n -> p.matcher(n).matches()).toList();
        if (hits.isEmpty()) throw unknown(nameOrPattern);
        return hits;
    }

    private IllegalArgumentException unknown(String name) {
        String shown = name.replace("*", "0");
        List<String> close = names.stream()
                .sorted(Comparator.comparingInt((String n) -> EditDistance.between(shown, n)))
                .limit(3).toList();
        return new IllegalArgumentException("Unknown hook point '" + name + "'. Did you mean "
                + String.join(", ", close) + "? (model.hookPoints() lists all "
                + names.size() + "; patterns use * for one name part, e.g. blocks.*.mlp.hook_post)");
    }

    static Pattern toRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^.]*");
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
