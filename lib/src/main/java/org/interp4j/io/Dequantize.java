package org.interp4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns ggml blocks into float32, following ggml's block layouts (ggml-common.h) and computing in
 * the same order as gguf-py's {@code gguf.quants.dequantize}, so the results are bit-identical to
 * it. Each decoder reads {@code nBlocks} consecutive blocks from {@code src} (little-endian,
 * absolute positions) starting at {@code srcPos} and writes {@code nBlocks * blockSize} floats to
 * {@code dst} from {@code dstPos}.
 */
public final class Dequantize {
    private Dequantize() {}

    private static final int QK_K = 256;

    /**
     * Decodes {@code nBlocks} blocks of {@code type}.
     *
     * @throws UnsupportedOperationException when {@link GgmlType#isSupported()} is false
     */
    public static void blocks(GgmlType type, ByteBuffer src, int srcPos, int nBlocks, float[] dst, int dstPos) {
        ByteBuffer b = src.order() == ByteOrder.LITTLE_ENDIAN ? src : src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32 -> f32(b, srcPos, nBlocks, dst, dstPos);
            case F16 -> { for (int i = 0; i < nBlocks; i++) dst[dstPos + i] = f16(b, srcPos + 2 * i); }
            case BF16 -> { for (int i = 0; i < nBlocks; i++) dst[dstPos + i] = Half.bf16ToFloat(b.getShort(srcPos + 2 * i)); }
            default -> {
                for (int i = 0; i < nBlocks; i++) {
                    block(type, b, srcPos + i * type.typeSize, dst, dstPos + i * type.blockSize);
                }
            }
        }
    }

    private static void block(GgmlType type, ByteBuffer b, int p, float[] dst, int o) {
        switch (type) {
            case Q4_0 -> q4_0(b, p, dst, o);
            case Q4_1 -> q4_1(b, p, dst, o);
            case Q5_0 -> q5_0(b, p, dst, o);
            case Q5_1 -> q5_1(b, p, dst, o);
            case Q8_0 -> q8_0(b, p, dst, o);
            case Q2_K -> q2_k(b, p, dst, o);
            case Q3_K -> q3_k(b, p, dst, o);
            case Q4_K -> q4_k(b, p, dst, o);
            case Q5_K -> q5_k(b, p, dst, o);
            case Q6_K -> q6_k(b, p, dst, o);
            default -> throw new UnsupportedOperationException("cannot dequantize " + type
                    + "; supported: " + GgmlType.supportedNames());
        }
    }

    private static void f32(ByteBuffer b, int p, int n, float[] dst, int o) {
        b.slice(p, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst, o, n);
    }

    private static float f16(ByteBuffer b, int p) {
        return Half.f16ToFloat(b.getShort(p));
    }

    private static int u8(ByteBuffer b, int p) {
        return b.get(p) & 0xff;
    }

    /** Q4_0: f16 scale d, 16 bytes of nibbles; value j is the low nibble of byte j, j+16 the high one; x = d*(q-8). */
    private static void q4_0(ByteBuffer b, int p, float[] dst, int o) {
        float d = f16(b, p);
        for (int j = 0; j < 16; j++) {
            int q = u8(b, p + 2 + j);
            dst[o + j] = d * ((q & 0xf) - 8);
            dst[o + j + 16] = d * ((q >>> 4) - 8);
        }
    }

    /** Q4_1: f16 scale d, f16 minimum m, 16 bytes of nibbles; x = d*q + m. */
    private static void q4_1(ByteBuffer b, int p, float[] dst, int o) {
        float d = f16(b, p);
        float m = f16(b, p + 2);
        for (int j = 0; j < 16; j++) {
            int q = u8(b, p + 4 + j);
            dst[o + j] = d * (q & 0xf) + m;
            dst[o + j + 16] = d * (q >>> 4) + m;
        }
    }

    /** Q5_0: f16 d, 32 high bits (uint32), 16 bytes of low nibbles; x = d*(q-16). */
    private static void q5_0(ByteBuffer b, int p, float[] dst, int o) {
        float d = f16(b, p);
        int qh = b.getInt(p + 2);
        for (int j = 0; j < 16; j++) {
            int q = u8(b, p + 6 + j);
            int lo = (q & 0xf) | (((qh >>> j) & 1) << 4);
            int hi = (q >>> 4) | (((qh >>> (j + 16)) & 1) << 4);
            dst[o + j] = d * (lo - 16);
            dst[o + j + 16] = d * (hi - 16);
        }
    }

    /** Q5_1: f16 d, f16 m, 32 high bits, 16 bytes of low nibbles; x = d*q + m. */
    private static void q5_1(ByteBuffer b, int p, float[] dst, int o) {
        float d = f16(b, p);
        float m = f16(b, p + 2);
        int qh = b.getInt(p + 4);
        for (int j = 0; j < 16; j++) {
            int q = u8(b, p + 8 + j);
            int lo = (q & 0xf) | (((qh >>> j) & 1) << 4);
            int hi = (q >>> 4) | (((qh >>> (j + 16)) & 1) << 4);
            dst[o + j] = d * lo + m;
            dst[o + j + 16] = d * hi + m;
        }
    }

    /** Q8_0: f16 d, 32 signed bytes; x = q*d. */
    private static void q8_0(ByteBuffer b, int p, float[] dst, int o) {
        float d = f16(b, p);
        for (int j = 0; j < 32; j++) {
            dst[o + j] = b.get(p + 2 + j) * d;
        }
    }

    /**
     * Q2_K: 16 bytes of 4-bit scale/min pairs, 64 bytes of 2-bit values, f16 d, f16 dmin. Value e
     * (in halves of 128, each four 2-bit planes of 32) is bits 2s of byte 32h+l; its group of 16
     * has scale d*(sc&15) and minimum dmin*(sc>>4): x = scale*q - min.
     */
    private static void q2_k(ByteBuffer b, int p, float[] dst, int o) {
        float d = f16(b, p + 80);
        float dmin = f16(b, p + 82);
        for (int e = 0; e < QK_K; e++) {
            int h = e / 128, s = (e % 128) / 32, l = e % 32;
            int q = (u8(b, p + 16 + 32 * h + l) >>> (2 * s)) & 3;
            int sc = u8(b, p + e / 16);
            float dl = d * (sc & 0xf);
            float ml = dmin * (sc >>> 4);
            dst[o + e] = dl * q - ml;
        }
    }

    /**
     * Q3_K: 32 bytes of high-bit masks, 64 bytes of low 2-bit values, 12 bytes of 6-bit signed
     * scales (offset 32), f16 d. The 3-bit value is low - 4 when its mask bit is clear.
     */
    private static void q3_k(ByteBuffer b, int p, float[] dst, int o) {
        float d = f16(b, p + 108);
        float[] dl = new float[16];
        for (int i = 0; i < 16; i++) {
            int low = (u8(b, p + 96 + i % 8) >>> (4 * (i / 8))) & 0xf;
            int high = (u8(b, p + 96 + 8 + i % 4) >>> (2 * (i / 4))) & 3;
            dl[i] = d * ((low | (high << 4)) - 32);
        }
        for (int e = 0; e < QK_K; e++) {
            int h = e / 128, s = (e % 128) / 32, l = e % 32;
            int low = (u8(b, p + 32 + 32 * h + l) >>> (2 * s)) & 3;
            int mask = (u8(b, p + l) >>> (e / 32)) & 1;
            int q = low - ((mask ^ 1) << 2);
            dst[o + e] = dl[e / 16] * q;
        }
    }

    /** The eight 6-bit scales and eight 6-bit minimums Q4_K and Q5_K pack into 12 bytes at {@code s}. */
    private static void scaleMin(ByteBuffer b, int s, int[] sc, int[] mn) {
        for (int j = 0; j < 8; j++) {
            if (j < 4) {
                sc[j] = u8(b, s + j) & 63;
                mn[j] = u8(b, s + j + 4) & 63;
            } else {
                sc[j] = (u8(b, s + j + 4) & 0xf) | ((u8(b, s + j - 4) >>> 2) & 0x30);
                mn[j] = (u8(b, s + j + 4) >>> 4) | ((u8(b, s + j) >>> 2) & 0x30);
            }
        }
    }

    /**
     * Q4_K: f16 d, f16 dmin, 12 bytes of scales/minimums, 128 bytes of nibbles. Sub-block j (32
     * values) takes the low (even j) or high (odd j) nibbles of bytes 32*(j/2)..; x = (d*sc)*q - dmin*m.
     */
    private static void q4_k(ByteBuffer b, int p, float[] dst, int o) {
        scaledSubBlocks(b, p, dst, o, false);
    }

    /** Q5_K: as Q4_K, plus 32 bytes of high bits (bit j of byte l belongs to sub-block j) before the nibbles. */
    private static void q5_k(ByteBuffer b, int p, float[] dst, int o) {
        scaledSubBlocks(b, p, dst, o, true);
    }

    /** The sub-block loop Q4_K and Q5_K share; with {@code highBits}, each nibble gains its fifth bit. */
    private static void scaledSubBlocks(ByteBuffer b, int p, float[] dst, int o, boolean highBits) {
        float d = f16(b, p);
        float dmin = f16(b, p + 2);
        int[] sc = new int[8], mn = new int[8];
        scaleMin(b, p + 4, sc, mn);
        int nibbles = p + (highBits ? 48 : 16);
        for (int j = 0; j < 8; j++) {
            float scale = d * sc[j];
            float min = dmin * mn[j];
            for (int l = 0; l < 32; l++) {
                int q = (u8(b, nibbles + 32 * (j / 2) + l) >>> (4 * (j % 2))) & 0xf;
                if (highBits) q |= ((u8(b, p + 16 + l) >>> j) & 1) << 4;
                dst[o + 32 * j + l] = scale * q - min;
            }
        }
    }

    /**
     * Q6_K: 128 bytes of low nibbles, 64 bytes of high 2-bit pairs, 16 signed 8-bit scales, f16 d.
     * In each half of 128 values, value r takes nibble r/64 of low byte r%64 and bit pair r/32 of
     * high byte r%32; x = (d*scale)*(q-32) with one scale per 16 values.
     */
    private static void q6_k(ByteBuffer b, int p, float[] dst, int o) {
        float d = f16(b, p + 208);
        for (int e = 0; e < QK_K; e++) {
            int h = e / 128, r = e % 128;
            int low = (u8(b, p + 64 * h + r % 64) >>> (4 * (r / 64))) & 0xf;
            int high = (u8(b, p + 128 + 32 * h + r % 32) >>> (2 * (r / 32))) & 3;
            float scale = d * b.get(p + 192 + e / 16);
            dst[o + e] = scale * ((low | (high << 4)) - 32);
        }
    }
}
