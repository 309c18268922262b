package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Tensor;
import dev.steepest.optim.conformance.DamagedState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A saved optimizer state is untrusted input: each value read back is checked as the same value
 * given on the command line, indices are bounded by the parameters the state describes, and a
 * refused state changes nothing.
 */
class SavedStateTest {

    /** A stepped testgd (momentum 0.5) over one parameter of two values, flattened as a file holds it. */
    private static Map<String, String> savedMetadata(Map<String, Tensor> tensorsOut) {
        Tensor a = Tensor.vector(1, 2).requiresGrad(true);
        TestGD o = new TestGD(List.of(a), Options.of("lr", 0.1, "momentum", 0.5));
        a.setGrad(Tensor.vector(1, 1));
        o.step();
        tensorsOut.putAll(o.stateDict().tensors());
        return new TreeMap<>(o.stateDict().metadata());
    }

    private static IllegalArgumentException refusedOnLoad(String key, String value) {
        Map<String, Tensor> tensors = new TreeMap<>();
        Map<String, String> metadata = savedMetadata(tensors);
        metadata.put(key, value);
        TestGD fresh = new TestGD(List.of(Tensor.vector(5, 5).requiresGrad(true)), Options.of("lr", 0.2, "momentum", 0.25));
        return DamagedState.refused(fresh, () -> StateDict.fromFlat(tensors, metadata, "optimizer."));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "param_groups.0.lr       | double:NaN       | testgd.loadStateDict: param_groups.0.lr is the number NaN; expected lr as on the command line: [0, inf)",
        "param_groups.0.lr       | double:-1.0      | testgd.loadStateDict: param_groups.0.lr is the number -1.0; expected lr as on the command line: [0, inf)",
        "param_groups.0.lr       | double:Infinity  | testgd.loadStateDict: param_groups.0.lr is the number Infinity; expected lr as on the command line: [0, inf)",
        "param_groups.0.lr       | string:fast      | testgd.loadStateDict: param_groups.0.lr is the text 'fast'; expected lr as on the command line: [0, inf)",
        "param_groups.0.lr       | bool:true        | testgd.loadStateDict: param_groups.0.lr is the flag true; expected lr as on the command line: [0, inf)",
        "param_groups.0.lr       | null             | testgd.loadStateDict: param_groups.0.lr is null; expected lr as on the command line: [0, inf)",
        "param_groups.0.momentum | double:1.5       | testgd.loadStateDict: param_groups.0.momentum is the number 1.5; expected momentum as on the command line: [0, 1)",
        "param_groups.0.nesterov | double:0.0       | testgd.loadStateDict: param_groups.0.nesterov is the number 0.0; expected nesterov as on the command line: true or false",
        "state.0.step            | long:-3          | testgd.loadStateDict: state.0.step is the whole number -3; expected the number of steps taken, a whole number >= 0",
        "state.0.step            | double:2.0       | testgd.loadStateDict: state.0.step is the number 2.0; expected the number of steps taken, a whole number >= 0",
    })
    void aValueThatWouldBeRefusedOnTheCommandLineIsRefusedFromAFile(String key, String value, String message) {
        assertEquals(message, refusedOnLoad(key, value).getMessage());
    }

    @Test
    void nanInAMomentIsRefused() {
        Map<String, Tensor> tensors = new TreeMap<>();
        Map<String, String> metadata = savedMetadata(tensors);
        tensors.put("state.0.velocity", Tensor.vector(1f, Float.NaN));
        TestGD fresh = new TestGD(List.of(Tensor.vector(5, 5).requiresGrad(true)), Options.empty());
        assertEquals("testgd.loadStateDict: state.0.velocity holds NaN at element 1; expected finite values (a run that diverged was saved?)",
                DamagedState.refused(fresh, () -> StateDict.fromFlat(tensors, metadata)).getMessage());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "last_epoch | -7      | CosineAnnealingLR.loadStateDict: last_epoch is '-7'; expected a whole number >= -1",
        "step_count | ３      | CosineAnnealingLR.loadStateDict: step_count is '３'; expected a whole number >= 0",
        "last_lr    | NaN     | CosineAnnealingLR.loadStateDict: last_lr is 'NaN'; expected learning rates (finite numbers >= 0) separated by commas",
        "base_lrs   | -0.5    | CosineAnnealingLR.loadStateDict: base_lrs is '-0.5'; expected learning rates (finite numbers >= 0) separated by commas",
    })
    void aSchedulersSavedCountersAndRatesAreCheckedBeforeAnyIsApplied(String key, String value, String message) {
        TestGD o = new TestGD(List.of(Tensor.vector(1).requiresGrad(true)), Options.of("lr", 0.1));
        dev.steepest.optim.schedulers.CosineAnnealingLR scheduler = new dev.steepest.optim.schedulers.CosineAnnealingLR(o, 10);
        scheduler.step();
        Map<String, String> state = new TreeMap<>(scheduler.stateDict());
        state.put("last_epoch", "5");
        state.put(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scheduler.loadStateDict(state));
        assertEquals(message, e.getMessage());
        assertEquals(1, scheduler.lastEpoch(), "nothing applied");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "param_groups.2000000000.lr | double:0.1 | optimizer.param_groups.2000000000.lr: group index '2000000000' is out of range; expected 0 to 0 (a group holds at least one of the state's 1 parameter(s))",
        "param_groups.-1.lr         | double:0.1 | optimizer.param_groups.-1.lr: group index '-1' is out of range; expected 0 to 0 (a group holds at least one of the state's 1 parameter(s))",
        "state.7.step               | long:1     | optimizer.state.7.step: parameter index '7' is out of range; expected 0 to 0 (the state describes 1 parameter(s))",
        "state.0.old_dirs           | list:99999 | optimizer.state.0.old_dirs is 'list:99999'; expected a list length no larger than the 1 tensors present",
        "param_groups.0.params      | 0,5        | optimizer.param_groups.0.params is '0,5'; expected parameter indices below 1",
        "params.0.shape             | ２         | optimizer.params.0.shape is '２'; expected the sizes of a parameter's shape",
        "param_groups.0.lr          | double:0x1p-3 | optimizer.param_groups.0.lr is 'double:0x1p-3'; expected long:N, int:N, double:X, bool:true or bool:false, string:TEXT or null",
        "state.0.step               | string:3   | optimizer.state.0.step is 'string:3'; expected a counter (long:N) or a number (double:X), as an optimizer's state holds",
    })
    void indicesAndNumbersInTheFileAreBoundedBeforeAnythingIsBuilt(String key, String value, String message) {
        Map<String, Tensor> tensors = new TreeMap<>();
        Map<String, String> metadata = savedMetadata(tensors);
        metadata.put(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateDict.fromFlat(tensors, metadata, "optimizer."));
        assertEquals(message, e.getMessage());
    }
}
