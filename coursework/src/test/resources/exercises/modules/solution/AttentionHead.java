package solution;

import com.google.auto.service.AutoService;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.coursework.exercise.ModuleExercise;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.attention.AttentionMask;
import java.util.Map;

@AutoService(ModuleExercise.class)
public final class AttentionHead implements ModuleExercise<AttentionHead.Head> {
    public String module() { return "attention-head"; }

    public Head create(Map<String, Integer> sizes) {
        return new Head(sizes.get("embed_dim"), sizes.get("head_size"), new Generator(7));
    }

    public Tensor[] forward(Head head, Tensor... inputs) {
        return new Tensor[] {head.forward(inputs[0])};
    }

    public static final class Head extends Module {
        final Linear key, query, value;
        final int headSize;

        Head(int embed, int headSize, Generator g) {
            key = registerModule("key", new Linear(embed, headSize, false, g));
            query = registerModule("query", new Linear(embed, headSize, false, g));
            value = registerModule("value", new Linear(embed, headSize, false, g));
            this.headSize = headSize;
        }

        @Override
        public Tensor forward(Tensor x) {
            int t = x.shape()[1];
            Tensor k = key.forward(x), q = query.forward(x), v = value.forward(x);
            Tensor w = q.matmul(k.transpose(1, 2)).mul((float) Math.pow(headSize, -0.5));
            w = w.add(AttentionMask.causal(t).additive()).softmax(2);
            return w.matmul(v);
        }
    }
}
