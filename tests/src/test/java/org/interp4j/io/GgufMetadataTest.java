package org.interp4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Metadata of every GGUF value type reads back as gguf-py reads it (make_gguf_goldens.py). */
class GgufMetadataTest {

    @Test
    void everyValueTypeMatchesGgufPy() throws IOException {
        JsonNode want = new ObjectMapper().readTree(GgufTestFiles.fixture("gguf/expected/files.json").toFile())
                .get("quants.gguf").get("metadata");
        try (Gguf g = Gguf.open(GgufTestFiles.fixture("gguf/quants.gguf"))) {
            assertEquals(3, g.version());
            List<String> keys = new ArrayList<>(g.metadata().keySet());
            List<String> wantKeys = new ArrayList<>();
            want.fieldNames().forEachRemaining(wantKeys::add);
            assertEquals(wantKeys, keys, "all keys, in file order");
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                assertEquals(e.getValue().get("type").asText(), g.metadataType(key), key);
                assertValue(e.getValue().get("value"), g.get(key), key);
            }
        }
    }

    private static void assertValue(JsonNode want, Object got, String key) {
        if (want.isArray()) {
            List<?> list = assertInstanceOf(List.class, got, key);
            assertEquals(want.size(), list.size(), key);
            for (int i = 0; i < want.size(); i++) assertValue(want.get(i), list.get(i), key + "[" + i + "]");
        } else if (want.isBoolean()) {
            assertEquals(want.asBoolean(), got, key);
        } else if (want.isTextual()) {
            assertEquals(want.asText(), got, key);
        } else if (want.isIntegralNumber()) {
            assertEquals(want.asLong(), ((Number) got).longValue(), key);
        } else {
            if (got instanceof Float f) assertEquals((float) want.asDouble(), f, 0f, key);
            else assertEquals(want.asDouble(), (Double) got, 0.0, key);
        }
    }

    @Test
    void typedGetters() throws IOException {
        try (Gguf g = Gguf.open(GgufTestFiles.fixture("gguf/quants.gguf"))) {
            assertEquals("testarch", g.architecture());
            assertEquals(250, g.getInt("test.u8"));
            assertEquals(-100, g.getInt("test.i8"));
            assertEquals(65000, g.getInt("test.u16"));
            assertEquals(4_000_000_000L, g.getLong("test.u32"));
            assertEquals(-9_000_000_000_000_000_000L, g.getLong("test.i64"));
            assertEquals(1.5e-5f, (float) g.getDouble("test.f32"));
            assertEquals(Math.PI, g.getDouble("test.f64"));
            assertTrue(g.getBoolean("test.bool_true"));
            assertFalse(g.getBoolean("test.bool_false"));
            assertEquals("héllo wörld ✓ 日本", g.getString("test.string"));
            assertEquals(List.of("a", "Ġnot", "", "▁x"), g.getList("test.array_str"));
            assertEquals(List.of(List.of(1, 2), List.of(3)), g.getList("test.array_nested"));
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> g.getString("nope"));
            assertTrue(missing.getMessage().contains("no metadata key 'nope'"), missing.getMessage());
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> g.getString("test.u8"));
            assertTrue(wrong.getMessage().contains("UINT8"), wrong.getMessage());
            assertThrows(IllegalArgumentException.class, () -> g.getInt("test.u32"), "4e9 does not fit an int");
        }
    }
}
