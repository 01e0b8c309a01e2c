/**
 * Token-wise decomposition of the final hidden state and ΔLP (Oh &amp; Schuler 2023), for GPT-2,
 * GPT-NeoX, OPT and Llama-family models.
 *
 * <p>{@link org.interp4j.decompose.Decomposer#decompose} runs the model once with a cache, then
 * carries one part per source token through every block:
 * <ul>
 *   <li>the first block's input (token embedding plus learned position, if any) belongs to its
 *       own token;</li>
 *   <li>LayerNorm centres each part by its own mean and divides it by the real σ of its target
 *       (RMSNorm: by the real RMS), then scales by the learned weight;</li>
 *   <li>attention projects each part to values and mixes them across positions with the real
 *       attention weights, then applies the output projection;</li>
 *   <li>the MLP multiplies each part's pre-activation by act(x)/x of the real pre-activation x
 *       (for ReLU: keeps the units that fire, as the paper does); gated MLPs use the real gate,
 *       act(gate) ⊙ up(part);</li>
 *   <li>residual connections add parts; the final norm is applied the same way.</li>
 * </ul>
 * <b>Biases.</b> As in the paper's code, no bias is attributed to a token: the LayerNorm bias,
 * the value bias (whose mix is the bias itself, since attention weights sum to one), the
 * attention output bias and both MLP biases go to a separate remainder part, which then flows
 * through later blocks like any other part. With a {@code length} window, sources older than
 * the window are folded into that remainder too. The parts and the remainder add up to the real
 * post-norm hidden state.
 *
 * <p>{@link org.interp4j.decompose.DeltaLp} removes one part at a time from the final hidden
 * state and reports the drop in the next token's log2-probability;
 * {@link org.interp4j.decompose.DeltaLpReport} prints it in the original text format.
 */
package org.interp4j.decompose;
