package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Values spelled as Python 3 prints them: each expected string is Python's {@code str()} of the value. */
class PythonReprTest {

    @Test
    void floatsAreSpelledAsPythonsRepr() {
        assertEquals("1e-08", PythonRepr.of(1e-8));
        assertEquals("0.001", PythonRepr.of(0.001));
        assertEquals("0.0001", PythonRepr.of(1e-4));
        assertEquals("1e-05", PythonRepr.of(1e-5));
        assertEquals("1.0", PythonRepr.of(1.0));
        assertEquals("0.0", PythonRepr.of(0.0));
        assertEquals("-2.5", PythonRepr.of(-2.5));
        assertEquals("1e+16", PythonRepr.of(1e16));
        assertEquals("1000000000000000.0", PythonRepr.of(1e15));
        assertEquals("nan", PythonRepr.of(Double.NaN));
        assertEquals("-inf", PythonRepr.of(Double.NEGATIVE_INFINITY));
    }

    @Test
    void optionValuesAreSpelledAsPythonsStr() {
        assertEquals("None", PythonRepr.of((Object) null));
        assertEquals("False", PythonRepr.of((Object) Boolean.FALSE));
        assertEquals("1e-08", PythonRepr.of((Object) 1e-8));
        assertEquals("20", PythonRepr.of((Object) 20));
        assertEquals("strong_wolfe", PythonRepr.of((Object) "strong_wolfe"));
        assertEquals("(0.9, 0.999)", PythonRepr.of((Object) List.of(0.9, 0.999)));
        assertEquals("(3,)", PythonRepr.of((Object) List.of(3)));
    }
}
