/**
 * Attention and the transformer block, with PyTorch's names, parameters, initialisation and
 * numbers. In reading order:
 * <ul>
 *   <li>{@link dev.steepest.nn.attention.AttentionMask}: which keys a query may see (blocked, allowed,
 *       additive, causal), said by name since steepest's masks are float tensors;</li>
 *   <li>{@link dev.steepest.nn.attention.Attention}: scaled dot-product attention, the functional form,
 *       softmax(q·kᵀ/√E + mask)·v;</li>
 *   <li>{@link dev.steepest.nn.attention.MultiheadAttention}: projections, heads, masks and averaged
 *       weights, as {@code nn.MultiheadAttention};</li>
 *   <li>{@link dev.steepest.nn.attention.TransformerEncoderLayer}: attention and a feed-forward network
 *       with residuals and LayerNorms, post-LN or pre-LN ({@code normFirst}).</li>
 * </ul>
 */
package dev.steepest.nn.attention;
