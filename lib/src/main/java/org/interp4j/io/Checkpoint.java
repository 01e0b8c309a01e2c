package org.interp4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Model weights in safetensors form, from a single file, a folder holding {@code model.safetensors},
 * or a folder holding a sharded checkpoint ({@code model.safetensors.index.json} and its shards).
 * Floating tensors are returned as float32 on the manager's device; the manager owns them.
 */
public final class Checkpoint {
    public static final String SINGLE_FILE = "model.safetensors";

    private Checkpoint() {}

    /** Every tensor, in file order. */
    public static Map<String, NDArray> load(Path dirOrFile, NDManager manager) throws IOException {
        return load(dirOrFile, manager, name -> true);
    }

    /** The tensors whose names {@code keep} accepts (for example one layer, or no optimizer state). */
    public static Map<String, NDArray> load(Path dirOrFile, NDManager manager, Predicate<String> keep)
            throws IOException {
        List<Path> files = files(dirOrFile);
        Map<String, NDArray> out = new LinkedHashMap<>();
        Safetensors.Staging staging = new Safetensors.Staging();
        try {
            for (Path f : files) Safetensors.readInto(f, manager, keep, out, staging);
        } catch (IOException | RuntimeException e) {
            out.values().forEach(NDArray::close);
            throw e;
        }
        return out;
    }

    /** Names, dtypes and shapes of every tensor, read from the headers only. */
    public static Map<String, SafetensorsEntry> describe(Path dirOrFile) throws IOException {
        Map<String, SafetensorsEntry> out = new LinkedHashMap<>();
        for (Path f : files(dirOrFile)) out.putAll(SafetensorsHeader.read(f).entries());
        return out;
    }

    /**
     * The safetensors files that make up the checkpoint at {@code dirOrFile}: the file itself, the
     * folder's {@code model.safetensors}, or the shards its index lists (all must exist).
     */
    public static List<Path> files(Path dirOrFile) throws IOException {
        if (!Files.exists(dirOrFile)) {
            throw new IOException("No checkpoint at " + dirOrFile.toAbsolutePath()
                    + ": the path does not exist.");
        }
        if (!Files.isDirectory(dirOrFile)) {
            return dirOrFile.getFileName().toString().endsWith(".json")
                    ? shards(CheckpointIndex.read(dirOrFile)) : List.of(dirOrFile);
        }
        Path single = dirOrFile.resolve(SINGLE_FILE);
        if (Files.exists(single)) return List.of(single);
        Path index = dirOrFile.resolve(CheckpointIndex.FILE_NAME);
        if (Files.exists(index)) return shards(CheckpointIndex.read(index));
        throw new IOException("No safetensors weights in " + dirOrFile.toAbsolutePath() + ": expected "
                + SINGLE_FILE + " or " + CheckpointIndex.FILE_NAME + ", found " + listing(dirOrFile)
                + ". Checkpoints saved only as pytorch_model.bin must be converted to safetensors first.");
    }

    private static List<Path> shards(CheckpointIndex index) throws IOException {
        List<Path> paths = index.shardPaths();
        List<String> missing = new ArrayList<>();
        for (Path p : paths) if (!Files.isRegularFile(p)) missing.add(p.getFileName().toString());
        if (!missing.isEmpty()) {
            throw new IOException("Shard(s) " + missing + " listed in " + index.file()
                    + " are missing; download the checkpoint again.");
        }
        return paths;
    }

    private static String listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            return names.isEmpty() ? "an empty folder" : String.join(", ", names);
        }
    }
}
