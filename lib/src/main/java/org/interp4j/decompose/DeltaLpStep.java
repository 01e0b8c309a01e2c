package org.interp4j.decompose;

/**
 * ΔLP at one timestep: how the log-probability (base 2, as the original prints it) of the next
 * token drops when one source token's part is taken out of the final hidden state.
 *
 * @param timestep  i ≥ 1: the token at position i is predicted from the hidden state at i - 1
 * @param predicted id of the token at position i
 * @param lp        log2 P(token i | tokens 0..i-1) of the ordinary model
 * @param sources   source positions that have their own part, oldest first
 * @param ablatedLp log2 P with that source's part removed
 * @param delta     lp - ablatedLp
 * @param argmax    the source (never position 0, the start token) whose removal lowers the
 *                  probability most, or -1 when no removal gives a log-probability below 0
 * @param distance  timestep - argmax
 */
public record DeltaLpStep(int timestep, long predicted, float lp, int[] sources, float[] ablatedLp, float[] delta,
                          int argmax, int distance) {}
