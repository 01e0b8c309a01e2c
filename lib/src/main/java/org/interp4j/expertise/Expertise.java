package org.interp4j.expertise;

import org.interp4j.responses.ResponsesMatrix;
import org.interp4j.responses.UnitLayout;

/**
 * Expert units for a concept (Suau et al., "Self-conditioning pre-trained language models",
 * 2022): every unit's responses to sentences with (label 1) and without (label 0) the concept
 * give its average precision as a detector of the concept, and the statistics used to force it
 * during generation ({@code on_p50}, the median response on positives, and its kin).
 *
 * <p>Responses are [samples][units], one pooled response per sentence and unit, with the units of
 * all layers side by side as described by a {@link UnitLayout}. Each unit is sorted once for both
 * its AP and its forcing values.
 */
public final class Expertise {

    private Expertise() {}

    /** Expertise of every recorded unit for a concept, given one 0/1 label per sentence (row). */
    public static ExpertiseResult compute(ResponsesMatrix responses, int[] y) {
        return compute(responses.storage(), responses.samples(), responses.units(), y, responses.layout());
    }

    /** Expertise of units that all belong to one layer, {@code layer_0}. */
    public static ExpertiseResult compute(float[][] x, int[] y) {
        Responses r = Responses.of(x);
        return compute(r, y, UnitLayout.single(r.units));
    }

    /** Expertise of units laid out in layers; {@code layout} must cover every column. */
    public static ExpertiseResult compute(float[][] x, int[] y, UnitLayout layout) {
        return compute(Responses.of(x), y, layout);
    }

    /** Expertise from a row-major [samples, units] matrix ({@code x[s * units + u]}). */
    public static ExpertiseResult compute(float[] x, int samples, int units, int[] y, UnitLayout layout) {
        return compute(Responses.rowMajor(x, samples, units), y, layout);
    }

    private static ExpertiseResult compute(Responses x, int[] y, UnitLayout layout) {
        if (layout == null) layout = UnitLayout.single(x.units);
        if (layout.units() != x.units) {
            throw new IllegalArgumentException("The layers " + layout + " hold " + layout.units()
                    + " units but the responses have " + x.units + ": make the layer sizes add up to the columns.");
        }
        UnitSweep.Outputs out = UnitSweep.run(x, BinaryLabels.check(y, x.samples), true);
        return new ExpertiseResult(layout, out.ap, out.onP50, out.offP50, out.onP90, out.onMean, out.offMean);
    }
}
