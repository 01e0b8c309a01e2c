package org.interp4j.steer;

/**
 * One unit held at a fixed value while the model generates.
 *
 * @param layer the hook point holding the unit, e.g. {@code blocks.5.mlp.hook_post}
 * @param unit  index of the unit among that point's features
 * @param value the value it is forced to (e.g. its {@code on_p50})
 * @param ap    its average precision for the concept (why it was chosen)
 */
public record ForcedUnit(String layer, int unit, double value, double ap) {}
