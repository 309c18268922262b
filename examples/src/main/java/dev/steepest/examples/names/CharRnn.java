package dev.steepest.examples.names;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Embedding;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.recurrent.GRU;
import dev.steepest.nn.recurrent.LSTM;
import dev.steepest.nn.recurrent.RNN;
import dev.steepest.nn.recurrent.RNNBase;
import java.util.List;

/**
 * The character-level language model of the {@code names} example: each token becomes a learned
 * vector, a recurrent layer reads them left to right, and a linear layer turns its hidden state at
 * every step into scores for the next token.
 * <pre>
 * Embedding(27, embedding)                         [B, T] → [B, T, embedding]
 * RNN | LSTM | GRU (batch_first, hidden, layers)   → [B, T, hidden]
 * Linear(hidden, 27)                               → [B · T, 27] scores of the next token
 * </pre>
 * In jshell: {@code new CharRnn("gru", 64, 64, 1, new Generator(0)).forward(Tensor.zeros(2, 5).toLong())} gives [10, 27].
 */
public final class CharRnn extends Module {
    /** The recurrent cells a learner can choose with {@code --cell}. */
    static final List<String> CELLS = List.of("rnn", "lstm", "gru");

    private final Embedding embedding;
    private final RNNBase recurrent;
    private final Linear head;
    private final int hidden;

    /**
     * @param cell "rnn", "lstm" or "gru"
     * @param embeddingSize the size of a token's vector
     * @param hidden the recurrent layer's hidden size
     * @param layers how many recurrent layers are stacked
     * @param generator draws the initial weights (embedding, recurrent layer, head, in that order)
     */
    public CharRnn(String cell, int embeddingSize, int hidden, int layers, Generator generator) {
        this.hidden = hidden;
        embedding = registerModule("embedding", new Embedding(NamesData.VOCABULARY, embeddingSize, generator));
        recurrent = registerModule("recurrent", switch (cell) {
            case "rnn" -> new RNN(embeddingSize, hidden, layers, /* nonlinearity */ "tanh", /* bias */ true, /* batchFirst */ true,
                    /* dropout */ 0f, generator);
            case "lstm" -> new LSTM(embeddingSize, hidden, layers, /* bias */ true, /* batchFirst */ true, /* dropout */ 0f, generator);
            case "gru" -> new GRU(embeddingSize, hidden, layers, /* bias */ true, /* batchFirst */ true, /* dropout */ 0f, generator);
            default -> throw new IllegalArgumentException("CharRnn: unknown cell '" + cell + "'; choose one of " + CELLS);
        });
        head = registerModule("head", new Linear(hidden, NamesData.VOCABULARY, /* bias */ true, generator));
    }

    /**
     * @param tokens [B, T] int64 token indices
     * @return the next token's scores at every step, [B · T, 27] (row b · T + t is step t of sequence b)
     */
    @Override
    // book:start forward
    public Tensor forward(Tensor tokens) {
        Tensor vectors = embedding.forward(tokens);               // [B, T, embedding]
        Tensor states = recurrent.forward(vectors);               // [B, T, hidden]
        return head.forward(states.reshape(-1, hidden));          // [B · T, 27]
    }
    // book:end forward
}
