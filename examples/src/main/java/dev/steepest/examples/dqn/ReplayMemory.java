package dev.steepest.examples.dqn;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;

/**
 * The DQN's replay memory: the last {@code capacity} transitions (s, a, r, s', terminated) in a
 * ring, the oldest overwritten first, and {@link #sample} drawing a batch of distinct ones at
 * random, as PyTorch's tutorial does with {@code deque(maxlen=…)} and {@code random.sample}.
 */
final class ReplayMemory {

    /**
     * A batch of transitions as tensors.
     *
     * @param states s, [B, observation size]
     * @param actions a, [B, 1], as float indices for {@code gather}
     * @param rewards r, [B]
     * @param nextStates s', [B, observation size] (whatever the environment returned when it terminated)
     * @param notTerminal a bool mask, true where s' continues the episode, false where the episode terminated there
     *     (PyTorch's tutorial's {@code non_final_mask}), [B]
     */
    record Batch(Tensor states, Tensor actions, Tensor rewards, Tensor nextStates, Tensor notTerminal) {
    }

    private final int capacity;
    private final int width;
    private final float[] states;
    private final float[] nextStates;
    private final int[] actions;
    private final float[] rewards;
    private final boolean[] terminal;
    private final int[] order;   // a permutation of 0..size-1, partly reshuffled by each sample
    private int size;
    private int next;

    /**
     * @param capacity how many transitions it keeps
     * @param observationSize how many numbers a state has
     */
    ReplayMemory(int capacity, int observationSize) {
        this.capacity = capacity;
        this.width = observationSize;
        states = new float[capacity * width];
        nextStates = new float[capacity * width];
        actions = new int[capacity];
        rewards = new float[capacity];
        terminal = new boolean[capacity];
        order = new int[capacity];
    }

    /** Saves one transition, overwriting the oldest when full. */
    void push(float[] state, int action, float reward, float[] nextState, boolean terminated) {
        System.arraycopy(state, 0, states, next * width, width);
        System.arraycopy(nextState, 0, nextStates, next * width, width);
        actions[next] = action;
        rewards[next] = reward;
        terminal[next] = terminated;
        if (size < capacity) {
            order[size] = size;
            size++;
        }
        next = (next + 1) % capacity;
    }

    /** @return how many transitions it holds */
    int size() {
        return size;
    }

    /**
     * Draws {@code batchSize} distinct transitions uniformly (a partial Fisher-Yates shuffle).
     *
     * @param batchSize at most {@link #size()}
     * @param generator the draw's randomness (advanced)
     * @return the transitions as tensors
     */
    Batch sample(int batchSize, Generator generator) {
        if (batchSize > size) {
            throw new IllegalArgumentException("ReplayMemory: cannot sample " + batchSize + " transitions from " + size);
        }
        float[] s = new float[batchSize * width];
        float[] s2 = new float[batchSize * width];
        float[] a = new float[batchSize];
        float[] r = new float[batchSize];
        boolean[] alive = new boolean[batchSize];
        for (int i = 0; i < batchSize; i++) {
            int j = i + generator.nextInt(size - i);
            int pick = order[j];
            order[j] = order[i];
            order[i] = pick;
            System.arraycopy(states, pick * width, s, i * width, width);
            System.arraycopy(nextStates, pick * width, s2, i * width, width);
            a[i] = actions[pick];
            r[i] = rewards[pick];
            alive[i] = !terminal[pick];
        }
        return new Batch(Tensor.of(s, batchSize, width), Tensor.of(a, batchSize, 1).toLong(), Tensor.of(r, batchSize),
                Tensor.of(s2, batchSize, width), Tensor.of(alive, batchSize));
    }
}
