package dev.steepest.core;

/**
 * The kind of number a {@link Tensor} holds, as PyTorch's {@code torch.dtype}: {@link #FLOAT32},
 * the default and the only one that carries gradients; {@link #INT64} for indices, class targets and
 * counts; {@link #BOOL} for masks.
 *
 * <p>Which op gives which follows PyTorch: comparisons ({@code eq}, {@code lt}, …) give bool;
 * {@code argmax}, {@code argmin}, the indices of {@code maxWithIndices}, {@code randperm},
 * {@code multinomial} and {@code arange} of whole numbers give int64; the sum of a bool or int64
 * tensor is an int64 count. The ops that take indices ({@code gather}, {@code scatter},
 * {@code indexSelect}, {@code embedding}, the class targets of the losses) take int64 and refuse
 * float32, and {@code where} and {@code maskedFill} take a bool condition. Arithmetic is done in
 * float32: a float32 tensor with an int64 or bool one gives float32, as PyTorch promotes, and an op
 * whose inputs are all int64 or bool (which PyTorch would compute in int64) is refused with the
 * conversion to write, {@link Tensor#toFloat()}.
 */
public enum DType {
    /** 32-bit floating point, {@code torch.float32} (PyTorch's {@code .float()}). */
    FLOAT32("float32"),
    /** 64-bit signed integer, {@code torch.int64} (PyTorch's {@code .long()}). */
    INT64("int64"),
    /** True or false, {@code torch.bool} (PyTorch's {@code .bool()}). */
    BOOL("bool");

    private final String name;

    DType(String name) {
        this.name = name;
    }

    /** @return whether this is a floating-point type (only float32 in steepest), the kind that carries gradients */
    public boolean isFloatingPoint() {
        return this == FLOAT32;
    }

    /** @return the name PyTorch prints for it, {@code torch.int64} */
    public String torchName() {
        return "torch." + name;
    }

    /** @return the short name used in messages: {@code float32}, {@code int64}, {@code bool} */
    @Override
    public String toString() {
        return name;
    }
}
