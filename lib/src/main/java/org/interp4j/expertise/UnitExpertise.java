package org.interp4j.expertise;

/**
 * One unit's expertise for a concept: how well it detects the concept ({@code ap}) and the
 * values to force it to when conditioning generation on the concept.
 *
 * @param uuid    column of the unit in the response matrix
 * @param layer   name of the unit's layer
 * @param unit    index of the unit inside its layer
 * @param ap      average precision of the unit's response as a concept detector
 * @param onP50   median response on positive samples ({@code on_p50}, the usual forcing value)
 * @param offP50  median response on negative samples ({@code off_p50})
 * @param onP90   90th percentile of the response on positive samples ({@code on_p90})
 * @param onMean  mean response on positive samples ({@code on_mean})
 * @param offMean mean response on negative samples ({@code off_mean})
 */
public record UnitExpertise(int uuid, String layer, int unit, double ap,
                            double onP50, double offP50, double onP90, double onMean, double offMean) {

    /** The forcing value named as in the expertise CSV: on_p50, off_p50, on_p90, on_mean or off_mean. */
    public double forcing(String name) {
        return switch (name) {
            case "on_p50" -> onP50;
            case "off_p50" -> offP50;
            case "on_p90" -> onP90;
            case "on_mean" -> onMean;
            case "off_mean" -> offMean;
            default -> throw new IllegalArgumentException("Unknown forcing value " + name
                    + ": use on_p50, off_p50, on_p90, on_mean or off_mean.");
        };
    }
}
