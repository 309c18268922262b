package dev.steepest.train.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void aTableAlignsItsColumnsUnderARule() {
        String text = new Table("optimizer", "loss").row("sgd", "5.049").row("lbfgs", "3e-10").toString();
        assertEquals("optimizer  loss\n----------------\nsgd        5.049\nlbfgs      3e-10\n", text);
        assertEquals("Table.row: expected 2 cells, got 1: [x]",
                assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("x")).getMessage());
    }

    @Test
    void aConfusionMatrixCountsAnswersAndPrintsTrueClassesAsRows() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(0, 0);
        m.add(1, 1);
        m.add(1, 2);
        m.add(2, 2);
        assertEquals(0.75, m.accuracy(), 1e-12);
        assertEquals(1, m.count(1, 2));
        assertEquals("true \\ predicted\n        0  1  2\n    0   1  .  .\n    1   .  1  1\n    2   .  .  1\n", m.toString());
        assertEquals("ConfusionMatrix.add: classes must be in [0, 3), got actual=3 predicted=0",
                assertThrows(IllegalArgumentException.class, () -> m.add(3, 0)).getMessage());
    }
}
