package dev.steepest.bench;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Embedding;
import dev.steepest.nn.LayerNorm;
import dev.steepest.nn.Linear;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.nn.attention.AttentionMask;
import dev.steepest.nn.attention.TransformerEncoderLayer;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Workload {@code transformer-step}: one training step of the {@code names} chapter's transformer
 * on a batch of 32 sequences of 16 tokens: token and position embeddings (27 and 16 by 64), 4 pre-LN
 * TransformerEncoderLayers (4 heads, feed-forward 256, GELU, no dropout) under a causal mask, a
 * final LayerNorm and a Linear(64, 27) head, CrossEntropyLoss at every position, {@code adamw} with
 * lr 5e-4 and weight decay 0.01.
 */
public class TransformerStep extends OneThreadBenchmark {

    static final int BATCH = 32;
    static final int CONTEXT = 16;
    static final int EMBEDDING = 64;
    static final int VOCABULARY = 27;

    private Embedding tokens;
    private Embedding positions;
    private List<TransformerEncoderLayer> blocks;
    private LayerNorm norm;
    private Linear head;
    private CrossEntropyLoss criterion;
    private Optimizer optimizer;
    private Tensor input;
    private Tensor targets;
    private AttentionMask causal;

    @Setup
    public void setUp() {
        Generator g = new Generator(0);
        tokens = new Embedding(VOCABULARY, EMBEDDING, g);
        positions = new Embedding(CONTEXT, EMBEDDING, g);
        blocks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            blocks.add(new TransformerEncoderLayer(EMBEDDING, 4, 4 * EMBEDDING, 0f, "gelu", 1e-5, true, true, g));
        }
        norm = new LayerNorm(EMBEDDING);
        head = new Linear(EMBEDDING, VOCABULARY, true, g);
        List<Tensor> params = new ArrayList<>(tokens.parameters());
        params.addAll(positions.parameters());
        blocks.forEach(b -> params.addAll(b.parameters()));
        params.addAll(norm.parameters());
        params.addAll(head.parameters());
        criterion = new CrossEntropyLoss();
        optimizer = Optimizers.create("adamw", params, Options.of("lr", 5e-4, "weight_decay", 0.01));
        input = Settings.labels(1, BATCH * CONTEXT, VOCABULARY).reshape(BATCH, CONTEXT);
        targets = Settings.labels(2, BATCH * CONTEXT, VOCABULARY);
        causal = AttentionMask.causal(CONTEXT);
    }

    /** zeroGrad, forward through the embeddings, blocks and head, loss at every position, backward, step. */
    @Benchmark
    public Tensor step() {
        optimizer.zeroGrad();
        Tensor x = tokens.forward(input).add(positions.forward(Tensor.arange(CONTEXT)));   // [32, 16, 64]
        for (TransformerEncoderLayer block : blocks) {
            x = block.forward(x, causal, null);
        }
        Tensor loss = criterion.forward(head.forward(norm.forward(x)).reshape(-1, VOCABULARY), targets);
        loss.backward();
        optimizer.step();
        return loss;
    }
}
