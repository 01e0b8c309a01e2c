package org.interp4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header of a {@code .safetensors} file: an 8-byte little-endian length, then that many bytes
 * of JSON mapping tensor names to dtype, shape and data offsets. Reading only the header lets a
 * caller list names and shapes without touching the (possibly large) data.
 */
public record SafetensorsHeader(Path file, long dataStart, Map<String, SafetensorsEntry> entries,
                                Map<String, String> metadata) {

    /** The safetensors reference implementation refuses headers above 100 MB; so do we. */
    private static final long MAX_HEADER = 100L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static SafetensorsHeader read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, file);
        } catch (NoSuchFileException e) {
            throw new IOException("No such safetensors file: " + file.toAbsolutePath());
        }
    }

    static SafetensorsHeader read(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new IOException(file + " is truncated: " + size + " bytes, too short for a safetensors"
                    + " header. Download the file again.");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, file);
        long headerLen = lenBuf.flip().getLong();
        if (headerLen < 2 || headerLen > MAX_HEADER) {
            throw new IOException(file + " is not a safetensors file: its header length field reads "
                    + headerLen + " bytes.");
        }
        if (8 + headerLen > size) {
            throw new IOException(file + " is truncated: its header needs " + headerLen + " bytes but the"
                    + " file has only " + (size - 8) + " after the length field. Download the file again.");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
        readFully(ch, headerBuf, 8, file);
        String json = new String(headerBuf.array(), StandardCharsets.UTF_8);
        long dataStart = 8 + headerLen;
        SafetensorsHeader h = parse(json, file, dataStart);
        for (SafetensorsEntry e : h.entries.values()) {
            if (dataStart + e.end() > size) {
                throw new IOException(file + " is truncated: tensor '" + e.name() + "' needs bytes up to "
                        + (dataStart + e.end()) + " but the file has " + size + ". Download the file again.");
            }
        }
        return h;
    }

    private static SafetensorsHeader parse(String json, Path file, long dataStart) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " has an invalid safetensors header (not JSON: "
                    + e.getOriginalMessage() + "). The file is damaged or not a safetensors file.");
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + " has an invalid safetensors header: expected a JSON object.");
        }
        Map<String, SafetensorsEntry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                f.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            entries.put(f.getKey(), entry(f.getKey(), f.getValue(), file));
        }
        return new SafetensorsHeader(file, dataStart, Collections.unmodifiableMap(entries),
                Collections.unmodifiableMap(metadata));
    }

    private static SafetensorsEntry entry(String name, JsonNode node, Path file) throws IOException {
        JsonNode dtype = node.get("dtype"), shape = node.get("shape"), offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray()
                || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException(file + " has an invalid safetensors header: tensor '" + name
                    + "' needs \"dtype\", \"shape\" and two \"data_offsets\", found " + node);
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.isIntegralNumber() || d.asLong() < 0) {
                throw new IOException(file + " has an invalid safetensors header: tensor '" + name
                        + "' has shape " + shape + ".");
            }
            dims[i] = d.asLong();
        }
        long begin = offsets.get(0).asLong(-1), end = offsets.get(1).asLong(-1);
        if (!offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber() || begin < 0 || end < begin) {
            throw new IOException(file + " has an invalid safetensors header: tensor '" + name
                    + "' has data_offsets " + offsets + ".");
        }
        SafetensorsEntry e = new SafetensorsEntry(name, dtype.asText(), dims, begin, end);
        int width = Safetensors.byteWidth(e.dtype());
        if (width > 0 && e.numel() * width != e.byteLength()) {
            throw new IOException(file + " has an invalid safetensors header: tensor '" + name + "' ("
                    + e + ") should span " + e.numel() * width + " bytes but its offsets span "
                    + e.byteLength() + ".");
        }
        return e;
    }

    static void readFully(FileChannel ch, ByteBuffer dst, long position, Path file) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                throw new IOException(file + " is truncated: it ended at byte " + pos + " while reading."
                        + " Download the file again.");
            }
            pos += n;
        }
    }
}
