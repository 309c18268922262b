/**
 * A character-level language model that makes up first names: {@link dev.steepest.examples.names.NamesLanguageModel}
 * (the chapter), {@code NamesData} (makemore's names, split), {@code Bigram} (the count-based baseline),
 * {@code CharRnn} (the RNN, LSTM or GRU) and {@code NamesPictures} (the loss curves).
 */
package dev.steepest.examples.names;
