package org.interp4j.io;

/**
 * The metadata value types of the GGUF format, with their ids and the Java type {@link Gguf}
 * returns for each: integers up to 32 bits that fit an int as {@link Integer}, UINT32 and the
 * 64-bit integers as {@link Long} (UINT64 above 2^63 wraps, as in Java's unsigned arithmetic),
 * FLOAT32 as {@link Float}, FLOAT64 as {@link Double}, BOOL as {@link Boolean}, STRING as
 * {@link String}, ARRAY as an unmodifiable {@link java.util.List}.
 */
public enum GgufValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4),
    BOOL(7, 1), STRING(8, 8), ARRAY(9, 12), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    public final int id;
    /** The fewest bytes one value of this type takes in a file (a string or array header). */
    final int minBytes;

    GgufValueType(int id, int minBytes) {
        this.id = id;
        this.minBytes = minBytes;
    }

    /** The type with this id, or null for an id the format does not define. */
    public static GgufValueType byId(long id) {
        for (GgufValueType t : values()) {
            if (t.id == id) return t;
        }
        return null;
    }
}
