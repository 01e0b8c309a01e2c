package org.interp4j.io;

import java.util.Arrays;

/**
 * One tensor of a GGUF file as its header describes it.
 *
 * @param name    the GGUF tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param type    how the values are stored
 * @param dims    sizes in GGUF order: {@code dims[0]} is the fastest-varying axis (ggml's ne[0]),
 *                so the numpy/PyTorch shape is these dims reversed (see {@link #shape()})
 * @param offset  byte offset of the data relative to the start of the file's data section
 * @param byteSize number of bytes the data occupies
 */
public record GgufTensorInfo(String name, GgmlType type, long[] dims, long offset, long byteSize) {

    public GgufTensorInfo {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** The row-major (numpy, HF) shape: the GGUF dims in reverse order. */
    public long[] shape() {
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) shape[i] = dims[dims.length - 1 - i];
        return shape;
    }

    public long numElements() {
        long n = 1;
        for (long d : dims) n *= d;
        return n;
    }

    @Override
    public String toString() {
        return name + " " + type + " dims" + Arrays.toString(dims) + " (shape " + Arrays.toString(shape()) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && t.name.equals(name) && t.type == type
                && Arrays.equals(t.dims, dims) && t.offset == offset && t.byteSize == byteSize;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }
}
