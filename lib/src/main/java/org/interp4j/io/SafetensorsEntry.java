package org.interp4j.io;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Arrays;

/**
 * One tensor listed in a safetensors header: its name, dtype code as written in the file
 * ({@code F32}, {@code BF16}, ...), shape and byte range relative to the start of the data section.
 */
public record SafetensorsEntry(String name, String dtype, long[] shape, long begin, long end) {

    /** Number of elements (1 for a scalar). */
    public long numel() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    public long byteLength() {
        return end - begin;
    }

    public Shape djlShape() {
        return new Shape(shape);
    }

    /**
     * The DJL type of the stored data. DJL's own mapping is used, so every dtype DJL can hold is
     * accepted; others (8-bit floats, unsigned 16/32/64-bit) fail with a message naming the tensor.
     */
    public DataType dataType() throws IOException {
        try {
            return DataType.fromSafetensors(dtype);
        } catch (IllegalArgumentException e) {
            throw new IOException("Tensor '" + name + "' has dtype " + dtype + ", which cannot be loaded;"
                    + " supported: F64, F32, F16, BF16, I64, I32, I8, U8, BOOL. Convert the checkpoint"
                    + " (e.g. to float32 with the safetensors package) and try again.");
        }
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
