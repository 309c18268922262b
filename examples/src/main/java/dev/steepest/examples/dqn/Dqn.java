package dev.steepest.examples.dqn;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import dev.steepest.nn.loss.SmoothL1Loss;
import dev.steepest.optim.ClipGrad;
import dev.steepest.optim.Optimizer;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ProgressBar;
import dev.steepest.train.plot.AnimatedGif;
import dev.steepest.train.plot.Colors;
import dev.steepest.train.plot.Plot;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deep Q-learning on CartPole, as PyTorch's "Reinforcement Learning (DQN) Tutorial" does it: a
 * 128-128 MLP estimates Q(s, a) for both actions; the agent acts ε-greedily (ε from 0.9 down to
 * 0.05, decay 1000 steps), stores every transition in a replay memory of 10,000, and after each
 * step fits Q(s, a) of a random batch of 128 to r + γ·max Q'(s', ·) (γ 0.99) with the Huber loss,
 * where Q' is a target network that follows the policy network by a soft update (τ 0.005).
 * Gradients are clipped at 100 by value. Default optimizer {@code adamw} with {@code lr 1e-4} and
 * {@code amsgrad}, the tutorial's.
 *
 * <p>CartPole counts as solved when the mean return of 100 consecutive episodes reaches 475.
 * {@code --seeds N} trains from seeds 0..N-1 and reports how many solve it within
 * {@code --episodes} (default 1000 then, 600 for one run).
 */
public final class Dqn implements Command {
    static final int BATCH_SIZE = 128;
    static final float GAMMA = 0.99f;
    static final double EPS_START = 0.9;
    static final double EPS_END = 0.05;
    static final double EPS_DECAY = 1000;
    static final float TAU = 0.005f;
    static final int MEMORY = 10_000;
    static final double SOLVED = 475;
    static final int WINDOW = 100;

    /** What one training run gave: each episode's return, and the policy at its best 100-episode mean. */
    record Result(List<Integer> returns, int solvedAt, double bestMean, Sequential bestPolicy, long optimizationSteps) {
    }

    @Override
    public String name() {
        return "dqn";
    }

    @Override
    public String summary() {
        return "deep Q-learning balances CartPole-v1 (PyTorch's DQN tutorial; default adamw lr 1e-4 amsgrad)";
    }

    @Override
    public List<String> options() {
        return List.of("--episodes N", "--seed S", "--seeds N");
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("adamw", Map.of("lr", 1e-4, "amsgrad", true));
        if (run.args().string("--seeds").isPresent()) {
            if (run.args().string("--seed").isPresent()) {
                throw new BadInput("dqn: give --seed S for one run or --seeds N for runs from seeds 0..N-1, not both.");
            }
            manySeeds(run, chosen, run.args().integer("--seeds", 5, 1, 1000), run.args().integer("--episodes", 1000, 1, 100_000));
            return;
        }
        int seed = run.args().integer("--seed", 0, 0, Integer.MAX_VALUE);
        int episodes = run.args().integer("--episodes", 600, 1, 100_000);
        run.output();
        out.println("CartPole-v1 (Gymnasium's equations), DQN as PyTorch's tutorial: " + episodes + " episodes, seed " + seed);
        long start = System.nanoTime();
        Result result = train(seed, episodes, chosen, run.progress("dqn", episodes), false);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%d optimisation steps in %.1f s (%.2f ms a step, acting included)%n", result.optimizationSteps(),
                seconds, 1000 * seconds / Math.max(1, result.optimizationSteps()));
        run.output().write("dqn-returns.png", stream -> returnsPlot(result.returns(), chosen.name()).png(stream, 720, 420));
        List<double[]> states = playGreedy(result.bestPolicy(), new Generator(seed + 99));
        out.printf(Locale.ROOT, "the best policy (100-episode mean %.1f) balances the pole for %d steps in a new episode%n",
                result.bestMean(), states.size() - 1);
        run.output().write("dqn-agent.gif", stream -> {
            try (AnimatedGif gif = new AnimatedGif(stream, 40, List.of(CartPolePicture.POLE, CartPolePicture.AXLE))) {
                for (int t = 0; t < states.size(); t += 2) {
                    gif.add(CartPolePicture.draw(states.get(t), "step " + t + " of " + (states.size() - 1), 360));
                }
            }
        });
        out.printf(Locale.ROOT, "dqn: optimizer=%s seed=%d episodes=%d solved_at=%s best_mean100=%.1f seconds=%.0f%n",
                chosen.name(), seed, episodes, result.solvedAt() > 0 ? Integer.toString(result.solvedAt()) : "never",
                result.bestMean(), seconds);
    }

    /**
     * One DQN run on CartPole.
     *
     * @param seed seeds the weights, the environment's start states and the agent's random choices
     * @param episodes how many episodes to play
     * @param chosen the optimizer
     * @param bar shows progress (advanced one unit per episode)
     * @param stopWhenSolved whether to stop at the first 100-episode mean of 475
     * @return the returns, where it was solved, and the best policy
     */
    static Result train(int seed, int episodes, OptimizerChoice chosen, ProgressBar bar, boolean stopWhenSolved) {
        // The task, the replay memory and the agent's randomness.
        Environment env = new CartPole();
        Generator starts = new Generator(seed);
        Generator agent = new Generator(seed + 1_000_003L);
        ReplayMemory memory = new ReplayMemory(MEMORY, env.observationSize());

        // Q-networks: the policy network learns; the target network starts as its copy and trails it.
        Generator weights = new Generator(seed);
        Sequential policy = qNetwork(env, weights);
        Sequential target = qNetwork(env, weights);
        target.copyFrom(policy);
        SmoothL1Loss criterion = new SmoothL1Loss();                     // Huber loss with δ = 1
        Optimizer optimizer = chosen.create(policy.parameters());

        List<Integer> returns = new ArrayList<>();
        long stepsDone = 0;
        long optimizationSteps = 0;
        int solvedAt = -1;
        double bestMean = 0;
        Sequential best = qNetwork(env, weights);
        for (int episode = 1; episode <= episodes; episode++) {
            float[] state = env.reset(starts);
            int episodeReturn = 0;
            Environment.Step step;
            do {
                // Act ε-greedily, with ε decaying from 0.9 to 0.05 over the first few thousand steps.
                double epsilon = EPS_END + (EPS_START - EPS_END) * Math.exp(-stepsDone / EPS_DECAY);
                stepsDone++;
                int action = agent.nextDouble() > epsilon ? greedy(policy, state) : agent.nextInt(env.actionCount());
                step = env.step(action);
                episodeReturn += (int) step.reward();
                memory.push(state, action, step.reward(), step.observation(), step.terminated());
                state = step.observation();

                // book:start update
                // One optimisation step on a random batch of remembered transitions.
                if (memory.size() >= BATCH_SIZE) {
                    ReplayMemory.Batch batch = memory.sample(BATCH_SIZE, agent);
                    Tensor q = policy.forward(batch.states()).gather(1, batch.actions());        // Q(s, a)
                    Tensor nextValue;
                    try (var off = Autograd.noGrad()) {                                          // max_a' Q'(s', a'), 0 after the end
                        nextValue = target.forward(batch.nextStates()).max(1, false).mul(batch.notTerminal());
                    }
                    Tensor expected = nextValue.mul(GAMMA).add(batch.rewards());                 // r + γ·max Q'(s', ·)
                    Tensor loss = criterion.forward(q, expected.unsqueeze(1));
                    optimizer.zeroGrad();
                    loss.backward();
                    ClipGrad.clipGradValue_(policy.parameters(), 100);
                    optimizer.step();
                    optimizationSteps++;
                }

                // The target network moves a little towards the policy network: θ' ← τ·θ + (1 − τ)·θ'.
                target.softUpdate_(policy, TAU);
                // book:end update
            } while (!step.done());

            returns.add(episodeReturn);
            double mean = meanOfLast(returns, WINDOW);
            if (returns.size() >= WINDOW && mean > bestMean) {
                bestMean = mean;
                best.copyFrom(policy);
            }
            if (solvedAt < 0 && returns.size() >= WINDOW && mean >= SOLVED) {
                solvedAt = episode;
            }
            bar.advance(1, String.format(Locale.ROOT, "return %3d  mean100 %5.1f", episodeReturn, mean));
            if (stopWhenSolved && solvedAt > 0) {
                break;
            }
        }
        bar.finish(solvedAt > 0 ? "solved at episode " + solvedAt : String.format(Locale.ROOT, "best mean100 %.1f", bestMean));
        return new Result(returns, solvedAt, bestMean, returns.size() >= WINDOW ? best : policy, optimizationSteps);
    }

    /** The tutorial's Q-network: observation → 128 → 128 → one value per action. */
    static Sequential qNetwork(Environment env, Generator generator) {
        return new Sequential(
                new Linear(env.observationSize(), 128, true, generator), new ReLU(),
                new Linear(128, 128, true, generator), new ReLU(),
                new Linear(128, env.actionCount(), true, generator));
    }

    /** @return each episode's return and, from the 100th episode on, the mean of the last 100, as the tutorial plots them */
    static Plot returnsPlot(List<Integer> returns, String optimizer) {
        int n = returns.size();
        double[] episode = new double[n];
        double[] value = new double[n];
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            episode[i] = i + 1;
            value[i] = returns.get(i);
            mean[i] = i + 1 >= WINDOW ? meanOfLast(returns.subList(0, i + 1), WINDOW) : Double.NaN;
        }
        return new Plot("DQN on CartPole-v1 (" + optimizer + ")", "episode", "return")
                .line("return", Colors.series(0), 1f, episode, value)
                .line("mean of the last 100", Colors.series(1), 2.5f, episode, mean)
                .line("solved (475)", java.awt.Color.GRAY, 1f, new double[] {1, Math.max(2, n)}, new double[] {SOLVED, SOLVED});
    }

    /** @return the states of one episode played greedily by the policy, the start state first */
    static List<double[]> playGreedy(Module policy, Generator generator) {
        CartPole env = new CartPole();
        float[] observation = env.reset(generator);
        List<double[]> states = new ArrayList<>();
        states.add(env.state());
        Environment.Step step;
        do {
            step = env.step(greedy(policy, observation));
            observation = step.observation();
            states.add(env.state());
        } while (!step.done());
        return states;
    }

    /** @return the action with the highest Q-value for one state */
    static int greedy(Module policy, float[] state) {
        try (var off = Autograd.noGrad()) {
            return (int) policy.forward(Tensor.of(state, 1, state.length)).argmax(1, false).item();
        }
    }

    static double meanOfLast(List<Integer> values, int window) {
        int from = Math.max(0, values.size() - window);
        double sum = 0;
        for (int i = from; i < values.size(); i++) {
            sum += values.get(i);
        }
        return values.size() == from ? 0 : sum / (values.size() - from);
    }

    private static void manySeeds(Run run, OptimizerChoice chosen, int seeds, int episodes) {
        PrintStream out = run.out();
        int solved = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Result r = train(seed, episodes, chosen, run.progress("dqn seed " + seed, episodes), true);
            solved += r.solvedAt() > 0 ? 1 : 0;
            out.printf(Locale.ROOT, "seed %d: %s (best mean100 %.1f)%n", seed,
                    r.solvedAt() > 0 ? "solved at episode " + r.solvedAt() : "not solved in " + episodes + " episodes", r.bestMean());
        }
        out.printf(Locale.ROOT, "dqn: optimizer=%s seeds=%d episodes=%d solved=%d/%d%n", chosen.name(), seeds, episodes, solved, seeds);
    }
}
