package org.interp4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code model.safetensors.index.json} of a sharded checkpoint: its {@code weight_map} says which
 * shard file holds each tensor.
 */
public record CheckpointIndex(Path file, Map<String, String> weightMap) {

    public static final String FILE_NAME = "model.safetensors.index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CheckpointIndex read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No such checkpoint index: " + file.toAbsolutePath());
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); download it again.");
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new IOException(file + " has no \"weight_map\" object, so the shards are unknown;"
                    + " download the index again.");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> weightMap.put(e.getKey(), e.getValue().asText()));
        return new CheckpointIndex(file, Collections.unmodifiableMap(weightMap));
    }

    /** Shard file names, each once, sorted (so {@code model-00001-of-00003} comes first). */
    public List<String> shards() {
        return new ArrayList<>(new TreeSet<>(weightMap.values()));
    }

    /** Shard paths, resolved next to the index file. */
    public List<Path> shardPaths() {
        Path dir = file.toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        for (String s : shards()) out.add(dir.resolve(s));
        return out;
    }
}
