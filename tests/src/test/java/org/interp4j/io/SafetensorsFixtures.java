package org.interp4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the committed safetensors fixtures live, and a raw writer for hand-made (often broken) files. */
final class SafetensorsFixtures {
    private SafetensorsFixtures() {}

    static Path dir() {
        return Path.of(System.getProperty("interp4j.repo", "..")).resolve("tests/fixtures/safetensors");
    }

    /** Writes the 8-byte little-endian header length, the header text, then {@code data}. */
    static Path writeRaw(Path file, String headerJson, byte[] data) throws IOException {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        Files.write(file, b.array());
        return file;
    }

    /** A valid one-tensor F32 file holding {@code values} as tensor {@code name}. */
    static Path writeFloats(Path file, String name, float... values) throws IOException {
        ByteBuffer d = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) d.putFloat(v);
        String header = "{\"" + name + "\":{\"dtype\":\"F32\",\"shape\":[" + values.length
                + "],\"data_offsets\":[0," + values.length * 4 + "]}}";
        return writeRaw(file, header, d.array());
    }
}
