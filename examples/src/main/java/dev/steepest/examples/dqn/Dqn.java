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
import dev.steepest.train.command.Args;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Option;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ProgressBar;
import dev.steepest.train.plot.AnimatedGif;
import dev.steepest.train.plot.Colors;
import dev.steepest.train.plot.Plot;
import java.io.IOException;
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
 * {@code amsgrad}, the tutorial's. Each of these numbers is an option ({@code help dqn}).
 *
 * <p>CartPole counts as solved when the mean return of 100 consecutive episodes reaches 475.
 * {@code --seeds N} trains from seeds 0..N-1 and reports how many solve it within
 * {@code --episodes} (default 1000 then, 600 for one run).
 */
public final class Dqn implements Command {
    static final double SOLVED = 475;
    static final int WINDOW = 100;

    /**
     * The tutorial's hyperparameters, each an option of {@code dqn}; {@link #REFERENCE} holds the tutorial's values.
     *
     * @param batchSize how many remembered transitions each optimisation step fits (BATCH_SIZE)
     * @param gamma γ, how much a reward one step later is worth (GAMMA)
     * @param epsStart ε at the first step: the share of random actions (EPS_START)
     * @param epsEnd the ε it decays to (EPS_END)
     * @param epsDecay how many steps ε takes to come 1/e of the way from its start to its end (EPS_DECAY)
     * @param tau τ, how far the target network moves towards the policy network after each step (TAU)
     * @param memory how many transitions the replay memory keeps (ReplayMemory(10000))
     */
    public record Settings(int batchSize, float gamma, double epsStart, double epsEnd, double epsDecay, float tau, int memory) {
        /** PyTorch's tutorial: batch 128, γ 0.99, ε 0.9 → 0.05 with decay 1000, τ 0.005, memory 10,000. */
        public static final Settings REFERENCE = new Settings(128, 0.99f, 0.9, 0.05, 1000, 0.005f, 10_000);

        /** The options that set them, each declared once with the tutorial's value as its default. */
        static final Option BATCH = Option.integer("--batch", "N", REFERENCE.batchSize, 1, 100_000,
                "transitions fitted per optimisation step, BATCH_SIZE");
        static final Option GAMMA = Option.number("--gamma", "G", REFERENCE.gamma, 0, 1, "discount γ of a reward one step later, GAMMA");
        static final Option EPS_START = Option.number("--eps-start", "E", REFERENCE.epsStart, 0, 1,
                "ε, the share of random actions, at the start, EPS_START");
        static final Option EPS_END = Option.number("--eps-end", "E", REFERENCE.epsEnd, 0, 1, "the ε it decays to, EPS_END");
        static final Option EPS_DECAY = Option.number("--eps-decay", "STEPS", REFERENCE.epsDecay, 1e-3, 1e9,
                "steps for ε to come 1/e of the way to its end, EPS_DECAY");
        static final Option TAU = Option.number("--tau", "T", REFERENCE.tau, 0, 1,
                "how far the target network follows the policy network each step, TAU");
        static final Option MEMORY = Option.integer("--memory", "N", REFERENCE.memory, 1, 1_000_000, "transitions the replay memory keeps");
        static final List<Option> OPTIONS = List.of(BATCH, GAMMA, EPS_START, EPS_END, EPS_DECAY, TAU, MEMORY);

        /** @return the settings the command line gives, the tutorial's where it gives none */
        static Settings from(Args args) {
            Settings s = new Settings(args.integer(BATCH), (float) args.number(GAMMA), args.number(EPS_START), args.number(EPS_END),
                    args.number(EPS_DECAY), (float) args.number(TAU), args.integer(MEMORY));
            if (s.batchSize > s.memory) {
                throw new BadInput("dqn: --batch " + s.batchSize + " is larger than --memory " + s.memory
                        + ": the replay memory could never fill a batch; give a batch of at most the memory's size.");
            }
            return s;
        }

        /** @return ε after {@code stepsDone} steps: from epsStart towards epsEnd, exponentially */
        double epsilon(long stepsDone) {
            return epsEnd + (epsStart - epsEnd) * Math.exp(-stepsDone / epsDecay);
        }

        /** @return the settings as the summary line shows them */
        String fields() {
            return String.format(Locale.ROOT, "batch=%d gamma=%s eps_start=%s eps_end=%s eps_decay=%s tau=%s memory=%d",
                    batchSize, Option.decimal(gamma), Option.decimal(epsStart), Option.decimal(epsEnd), Option.decimal(epsDecay),
                    Option.decimal(tau), memory);
        }

    }

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
        List<String> options = new ArrayList<>(List.of(
                "--episodes N  episodes to play (default 600, 1000 with --seeds)",
                "--seed S  seeds the weights, the start states and the agent's random choices (default 0)",
                "--seeds N  trains from seeds 0..N-1 and counts how many solve CartPole"));
        Settings.OPTIONS.forEach(o -> options.add(o.declared()));
        return options;
    }

    @Override
    public void run(Run run) throws Exception {
        PrintStream out = run.out();
        OptimizerChoice chosen = OptimizerChoice.fromSystemProperties("adamw", Map.of("lr", 1e-4, "amsgrad", true));
        Settings settings = Settings.from(run.args());
        if (run.args().string("--seeds").isPresent()) {
            if (run.args().string("--seed").isPresent()) {
                throw new BadInput("dqn: give --seed S for one run or --seeds N for runs from seeds 0..N-1, not both.");
            }
            manySeeds(run, chosen, settings, run.args().integer("--seeds", 5, 1, 1000), run.args().integer("--episodes", 1000, 1, 100_000));
            return;
        }
        int seed = run.args().integer("--seed", 0, 0, Integer.MAX_VALUE);
        int episodes = run.args().integer("--episodes", 600, 1, 100_000);
        run.output();
        out.println("CartPole-v1 (Gymnasium's equations), DQN as PyTorch's tutorial: " + episodes + " episodes, seed " + seed);
        out.println("settings: " + settings.fields());
        long start = System.nanoTime();
        Result result = train(settings, seed, episodes, chosen, run.progress("dqn", episodes), false);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%d optimisation steps in %.1f s (%.2f ms a step, acting included)%n", result.optimizationSteps(),
                seconds, 1000 * seconds / Math.max(1, result.optimizationSteps()));
        run.output().write("dqn-returns.png", stream -> returnsPlot(result.returns(), chosen.name()).png(stream, 720, 420));
        List<double[]> states = playGreedy(result.bestPolicy(), new Generator(seed + 99));
        out.printf(Locale.ROOT, "the best policy (100-episode mean %.1f) balances the pole for %d steps in a new episode%n",
                result.bestMean(), states.size() - 1);
        run.output().gif("dqn-agent.gif", 40, List.of(CartPolePicture.POLE, CartPolePicture.AXLE), gif -> {   // and dqn-agent.png
            int last = states.size() - 1;
            for (int t = 0; t <= last; t = t == last ? last + 1 : Math.min(last, t + 2)) {
                String caption = "step " + t + " of " + last;
                gif.add(CartPolePicture.draw(states.get(t), caption, 360), caption);
            }
        });
        out.printf(Locale.ROOT, "dqn: optimizer=%s seed=%d episodes=%d %s solved_at=%s best_mean100=%.1f seconds=%.0f%n",
                chosen.name(), seed, episodes, settings.fields(), result.solvedAt() > 0 ? Integer.toString(result.solvedAt()) : "never",
                result.bestMean(), seconds);
    }

    /**
     * One DQN run on CartPole.
     *
     * @param settings the tutorial's hyperparameters, or a learner's
     * @param seed seeds the weights, the environment's start states and the agent's random choices
     * @param episodes how many episodes to play
     * @param chosen the optimizer
     * @param bar shows progress (advanced one unit per episode)
     * @param stopWhenSolved whether to stop at the first 100-episode mean of 475
     * @return the returns, where it was solved, and the best policy
     */
    static Result train(Settings settings, int seed, int episodes, OptimizerChoice chosen, ProgressBar bar, boolean stopWhenSolved) {
        // The task, the replay memory and the agent's randomness.
        Environment env = new CartPole();
        Generator starts = new Generator(seed);
        Generator agent = new Generator(seed + 1_000_003L);
        ReplayMemory memory = new ReplayMemory(/* capacity */ settings.memory(), env.observationSize());

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
                // Act ε-greedily, with ε decaying from 0.9 to 0.05 over the first few thousand steps (the tutorial's).
                double epsilon = settings.epsilon(stepsDone);
                stepsDone++;
                int action = agent.nextDouble() > epsilon ? greedy(policy, state) : agent.nextInt(env.actionCount());
                step = env.step(action);
                episodeReturn += (int) step.reward();
                memory.push(state, action, step.reward(), step.observation(), step.terminated());
                state = step.observation();

                // book:start update
                // One optimisation step on a random batch of remembered transitions.
                if (memory.size() >= settings.batchSize()) {
                    ReplayMemory.Batch batch = memory.sample(settings.batchSize(), agent);
                    Tensor q = policy.forward(batch.states()).gather(1, batch.actions());        // Q(s, a)
                    Tensor nextValue;
                    try (var off = Autograd.noGrad()) {                                          // max_a' Q'(s', a'), 0 after the end
                        nextValue = Tensor.where(batch.notTerminal(), target.forward(batch.nextStates()).max(1, /* keepdim */ false), 0f);
                    }
                    Tensor expected = nextValue.mul(settings.gamma()).add(batch.rewards());      // r + γ·max Q'(s', ·)
                    Tensor loss = criterion.forward(q, expected.unsqueeze(1));
                    optimizer.zeroGrad();
                    optimizer.backward(loss);
                    ClipGrad.clipGradValue_(policy.parameters(), /* clipValue */ 100);
                    optimizer.step();
                    optimizationSteps++;
                }

                // The target network moves a little towards the policy network: θ' ← τ·θ + (1 − τ)·θ'.
                target.softUpdate_(policy, settings.tau());
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

    /**
     * The tutorial's Q-network: an observation → 128 → 128 → one value per action, [n, 4] → [n, 2] on
     * CartPole. In jshell: {@code Dqn.qNetwork(new CartPole(), new Generator(0))}.
     *
     * @param env the task, for its observation size and its number of actions
     * @param generator draws the initial weights, as PyTorch's {@code nn.Linear} does
     * @return the untrained network
     */
    public static Sequential qNetwork(Environment env, Generator generator) {
        return new Sequential(
                new Linear(env.observationSize(), 128, /* bias */ true, generator), new ReLU(),
                new Linear(128, 128, /* bias */ true, generator), new ReLU(),
                new Linear(128, env.actionCount(), /* bias */ true, generator));
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
            return (int) policy.forward(Tensor.of(state, 1, state.length)).argmax(1, /* keepdim */ false).item();
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

    private static void manySeeds(Run run, OptimizerChoice chosen, Settings settings, int seeds, int episodes) throws IOException {
        PrintStream out = run.out();
        run.output();                                               // created and checked before the first run
        out.println("settings: " + settings.fields());
        int solved = 0;
        List<List<Integer>> returns = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            Result r = train(settings, seed, episodes, chosen, run.progress("dqn seed " + seed, episodes), true);
            solved += r.solvedAt() > 0 ? 1 : 0;
            returns.add(r.returns());
            out.printf(Locale.ROOT, "seed %d: %s (best mean100 %.1f)%n", seed,
                    r.solvedAt() > 0 ? "solved at episode " + r.solvedAt() : "not solved in " + episodes + " episodes", r.bestMean());
        }
        run.output().write("dqn-seeds.png", stream -> seedsPlot(returns, chosen.name()).png(stream, 720, 420));
        out.printf(Locale.ROOT, "dqn: optimizer=%s seeds=%d episodes=%d %s solved=%d/%d%n", chosen.name(), seeds, episodes,
                settings.fields(), solved, seeds);
    }

    /** @return each seed's 100-episode mean against episode (a run stops where it solved), and the line to reach */
    static Plot seedsPlot(List<List<Integer>> returns, String optimizer) {
        Plot plot = new Plot("DQN on CartPole-v1 from " + returns.size() + " seeds (" + optimizer + "): mean of the last 100 returns",
                "episode", "mean return of the last 100 episodes");
        int longest = 2;
        for (int seed = 0; seed < returns.size(); seed++) {
            List<Integer> r = returns.get(seed);
            double[] episode = new double[r.size()];
            double[] mean = new double[r.size()];
            for (int i = 0; i < r.size(); i++) {
                episode[i] = i + 1;
                mean[i] = i + 1 >= WINDOW ? meanOfLast(r.subList(0, i + 1), WINDOW) : Double.NaN;
            }
            plot.line("seed " + seed, episode, mean);
            longest = Math.max(longest, r.size());
        }
        return plot.line("solved (475)", java.awt.Color.GRAY, 1f, new double[] {1, longest}, new double[] {SOLVED, SOLVED});
    }
}
