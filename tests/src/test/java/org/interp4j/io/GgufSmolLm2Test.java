package org.interp4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The default model opens, and its checkpoint view equals what transformers loads from it
 * (make_smollm2_checkpoint_goldens.py): names, shapes, values (through order-sensitive checksums)
 * and config.
 */
class GgufSmolLm2Test {
    private static Gguf gguf;
    private static JsonNode golden;

    @BeforeAll
    static void open() throws IOException {
        gguf = Gguf.open(GgufTestFiles.smolLm2());
        golden = new ObjectMapper().readTree(GgufTestFiles.fixture("gguf/expected/smollm2_checkpoint.json").toFile());
    }

    @AfterAll
    static void close() throws IOException {
        gguf.close();
    }

    @Test
    void header() {
        assertEquals(3, gguf.version());
        assertEquals(272, gguf.tensorNames().size());
        assertEquals("llama", gguf.architecture());
        assertEquals(30, gguf.getInt("llama.block_count"));
        assertEquals(576, gguf.getInt("llama.embedding_length"));
        assertEquals(9, gguf.getInt("llama.attention.head_count"));
        assertEquals(3, gguf.getInt("llama.attention.head_count_kv"));
        assertEquals(100000.0, gguf.getDouble("llama.rope.freq_base"));
        assertEquals("gpt2", gguf.getString("tokenizer.ggml.model"));
        assertEquals("smollm", gguf.getString("tokenizer.ggml.pre"));
        assertEquals(49152, gguf.getList("tokenizer.ggml.tokens").size());
        assertEquals(48900, gguf.getList("tokenizer.ggml.merges").size());
        assertEquals("<|im_start|>", gguf.getList("tokenizer.ggml.tokens").get(1));
        assertEquals("ARRAY/INT32", gguf.metadataType("tokenizer.ggml.token_type"));
        assertEquals(GgmlType.Q8_0, gguf.tensorInfo("token_embd.weight").type());
        assertEquals(GgmlType.Q4_1, gguf.tensorInfo("blk.0.attn_q.weight").type());
        assertArrayEquals(new long[] {576, 49152}, gguf.tensorInfo("token_embd.weight").dims());
        assertArrayEquals(new long[] {49152, 576}, gguf.tensorInfo("token_embd.weight").shape());
    }

    @Test
    void checkpointMatchesTransformers() throws IOException {
        GgufCheckpoint ckpt = GgufCheckpoint.of(gguf);
        JsonNode tensors = golden.get("tensors");
        List<String> want = new ArrayList<>();
        tensors.fieldNames().forEachRemaining(want::add);
        assertEquals(want.stream().sorted().toList(), ckpt.names().stream().sorted().toList());
        assertFalse(ckpt.names().contains("lm_head.weight"), "tied: no output.weight in the file");
        assertTrue(ckpt.unmappedTensors().isEmpty(), ckpt.unmappedTensors().toString());

        long t0 = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> state = ckpt.stateDict(manager);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("SmolLM2 state dict (%d tensors) read and dequantised in %.2f s%n", state.size(), seconds);
            for (Map.Entry<String, NDArray> e : state.entrySet()) {
                JsonNode w = tensors.get(e.getKey());
                NDArray a = e.getValue();
                long[] shape = a.getShape().getShape();
                long[] wantShape = new long[w.get("shape").size()];
                for (int i = 0; i < wantShape.length; i++) wantShape[i] = w.get("shape").get(i).asLong();
                assertArrayEquals(wantShape, shape, e.getKey());
                assertChecksums(w, a.toFloatArray(), shape, e.getKey());
                a.close();
            }
        }
    }

    private static void assertChecksums(JsonNode w, float[] x, long[] shape, String name) {
        int rows = (int) shape[0];
        int cols = x.length / rows;
        double sum = 0, abs = 0, rowWeighted = 0, colWeighted = 0;
        for (int r = 0; r < rows; r++) {
            double rowSum = 0;
            for (int c = 0; c < cols; c++) {
                double v = x[r * cols + c];
                rowSum += v;
                abs += Math.abs(v);
                colWeighted += v * (c + 1);
            }
            sum += rowSum;
            rowWeighted += rowSum * (r + 1);
        }
        assertClose(w.get("sum").asDouble(), sum, w.get("abs_sum").asDouble(), name + " sum");
        assertClose(w.get("abs_sum").asDouble(), abs, w.get("abs_sum").asDouble(), name + " abs_sum");
        assertClose(w.get("row_weighted").asDouble(), rowWeighted, w.get("abs_sum").asDouble() * rows, name + " row order");
        assertClose(w.get("col_weighted").asDouble(), colWeighted, w.get("abs_sum").asDouble() * cols, name + " column order");
    }

    /** Equal up to double rounding of a different summation order, relative to the summed magnitude. */
    private static void assertClose(double want, double got, double scale, String what) {
        assertEquals(want, got, 1e-9 * scale + 1e-12, what);
    }

    @Test
    void qkRowsAreUnpermutedLikeTransformers() throws IOException {
        GgufCheckpoint ckpt = GgufCheckpoint.of(gguf);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String proj : new String[] {"q_proj", "k_proj"}) {
                Npy.Array want = Npy.read(GgufTestFiles.fixture("gguf/expected/smollm2_layer0_" + proj + "_cols4.npy"));
                NDArray w = ckpt.read("model.layers.0.self_attn." + proj + ".weight", manager);
                float[] got = w.get(":, :4").toFloatArray();
                assertArrayEquals(want.toFloats(), got, 0f, proj);
            }
        }
    }

    @Test
    void configMatchesTransformers() {
        ObjectNode config = GgufCheckpoint.of(gguf).config();
        JsonNode want = golden.get("config");
        for (String key : List.of("model_type", "hidden_size", "intermediate_size", "num_hidden_layers",
                "num_attention_heads", "num_key_value_heads", "head_dim", "hidden_act", "max_position_embeddings",
                "rms_norm_eps", "vocab_size", "tie_word_embeddings", "bos_token_id", "eos_token_id",
                "pad_token_id", "unk_token_id", "attention_bias", "mlp_bias", "rope_parameters")) {
            assertEquals(want.get(key), config.get(key), key);
        }
        assertEquals(want.get("rope_parameters").get("rope_theta"), config.get("rope_theta"));
        assertTrue(config.get("tie_word_embeddings").asBoolean());
    }

    @Test
    void otherArchitecturesAreRefused() throws IOException {
        try (Gguf other = Gguf.open(GgufTestFiles.fixture("gguf/quants.gguf"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GgufCheckpoint.of(other));
            assertTrue(e.getMessage().contains("'testarch'"), e.getMessage());
        }
    }

    @Test
    void unpermuteIsTheInverseOfLlamaCppsPermutation() {
        // llama.cpp: w.reshape(n_head, 2, dim, *rest).swapaxes(1, 2).reshape(w.shape)
        int heads = 3, dim = 4, width = 2, rows = heads * 2 * dim;
        float[] hf = new float[rows * width];
        for (int i = 0; i < hf.length; i++) hf[i] = i;
        float[] file = new float[hf.length];
        for (int h = 0; h < heads; h++)
            for (int half = 0; half < 2; half++)
                for (int i = 0; i < dim; i++)
                    for (int c = 0; c < width; c++)
                        file[((h * dim + i) * 2 + half) * width + c] = hf[((h * 2 + half) * dim + i) * width + c];
        assertArrayEquals(hf, GgufCheckpoint.unpermuteRows(file, rows, heads), 0f);
    }

}
