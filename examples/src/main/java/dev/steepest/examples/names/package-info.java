/**
 * A character-level language model that makes up first names: {@link dev.steepest.examples.names.NamesLanguageModel}
 * (the chapter), {@code NamesData} (makemore's names, split), {@code Bigram} (the count-based baseline),
 * {@code CharRnn} (the RNN, LSTM or GRU), {@code NamesTransformer} (a small GPT: causal self-attention
 * in pre-LN blocks, {@code --model transformer}) and {@code NamesPictures} (the loss curves, the
 * curves of every model side by side, and each attention head's map over a sampled name).
 */
package dev.steepest.examples.names;
