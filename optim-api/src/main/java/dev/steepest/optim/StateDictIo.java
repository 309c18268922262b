package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Takes an optimizer's state apart into a {@link StateDict} and puts it back, checking everything first. */
final class StateDictIo {

    private StateDictIo() {
    }

    static StateDict capture(Optimizer o, List<ParamGroup> groups, Map<Tensor, ParamState> state) {
        List<int[]> shapes = new ArrayList<>();
        List<int[]> groupParams = new ArrayList<>();
        List<Map<String, Object>> groupOptions = new ArrayList<>();
        Map<Integer, ParamState> saved = new TreeMap<>();
        for (ParamGroup g : groups) {
            int[] indices = new int[g.params().size()];
            for (int i = 0; i < indices.length; i++) {
                Tensor p = g.params().get(i);
                indices[i] = shapes.size();
                ParamState s = state.get(p);
                if (s != null && !s.isEmpty()) {
                    saved.put(shapes.size(), s.copy());
                }
                shapes.add(p.shape());
            }
            groupParams.add(indices);
            groupOptions.add(new TreeMap<>(g.options()));
        }
        return new StateDict(o.name(), o.getClass().getName(), shapes, groupParams, groupOptions, saved);
    }

    static void restore(Optimizer o, List<ParamGroup> groups, Map<Tensor, ParamState> state, StateDict saved) {
        String op = o.name() + ".loadStateDict";
        if (saved == null) {
            throw new IllegalArgumentException(op + ": the state dict is null");
        }
        if (!o.getClass().getName().equals(saved.optimizerClass())) {
            throw new IllegalArgumentException(op + ": this state was saved by optimizer '" + saved.optimizerName() + "' ("
                    + saved.optimizerClass() + "), but this optimizer is '" + o.name() + "' (" + o.getClass().getName()
                    + "); load it into a '" + saved.optimizerName() + "' optimizer, or start '" + o.name() + "' from scratch");
        }
        if (saved.groupCount() != groups.size()) {
            throw new IllegalArgumentException(op + ": the state has " + saved.groupCount() + " parameter group(s) but this optimizer has "
                    + groups.size() + "; was it saved for another model or another grouping?");
        }
        List<Tensor> params = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Tensor> ps = groups.get(g).params();
            int[] indices = saved.groupParams(g);
            if (indices.length != ps.size()) {
                throw new IllegalArgumentException(op + ": group " + g + " has " + indices.length + " parameter(s) in the state but "
                        + ps.size() + " in this optimizer; was it saved for another model?");
            }
            for (int i = 0; i < ps.size(); i++) {
                int index = params.size();
                Tensor p = ps.get(i);
                if (indices[i] != index || index >= saved.paramCount()) {
                    throw new IllegalArgumentException(op + ": parameter " + index + " (group " + g + ", position " + i
                            + ") is numbered " + indices[i] + " in the state; the state is damaged or from another model");
                }
                if (!Arrays.equals(saved.paramShape(index), p.shape())) {
                    throw new IllegalArgumentException(op + ": parameter " + index + " (group " + g + ", position " + i + ") has shape "
                            + Arrays.toString(p.shape()) + " here but " + Arrays.toString(saved.paramShape(index))
                            + " in the state; was it saved for another model?");
                }
                ParamState s = saved.state(index);
                if (s != null && o.buffersShapedLikeParams()) {
                    for (String name : s.names()) {
                        if (s.get(name) instanceof Tensor && !Arrays.equals(s.tensor(name).shape(), p.shape())) {
                            throw new IllegalArgumentException(op + ": parameter " + index + " (group " + g + ", position " + i
                                    + "), buffer '" + name + "' has shape " + Arrays.toString(s.tensor(name).shape())
                                    + " in the state but the parameter has shape " + Arrays.toString(p.shape()));
                        }
                    }
                }
                params.add(p);
            }
        }
        SavedStateCheck.check(o, groups, saved);
        // every check passed: now change the optimizer
        for (int g = 0; g < groups.size(); g++) {
            for (Map.Entry<String, Object> e : saved.groupOptions(g).entrySet()) {
                groups.get(g).set(e.getKey(), e.getValue());
            }
        }
        state.clear();
        for (int i = 0; i < params.size(); i++) {
            ParamState s = saved.state(i);
            if (s != null) {
                state.put(params.get(i), s.copy());
            }
        }
    }
}
