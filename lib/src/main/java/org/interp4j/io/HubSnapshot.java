package org.interp4j.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model revision available on disk: the snapshot folder in the hub cache and which of the
 * expected files it holds.
 *
 * @param repoId    e.g. {@code EleutherAI/pythia-70m-deduped}
 * @param revision  as asked: a branch, tag or commit
 * @param commit    the 40-character commit the revision resolved to
 * @param folder    {@code snapshots/{commit}}; pass it to {@link Checkpoint#load}
 * @param files     files present, e.g. {@code config.json}, {@code model.safetensors}
 * @param absent    optional files the repository does not have, e.g. {@code tokenizer.json}
 * @param fromCache true when no network was used (offline, unreachable, or already complete)
 */
public record HubSnapshot(String repoId, String revision, String commit, Path folder,
                          List<String> files, List<String> absent, boolean fromCache) {

    public HubSnapshot {
        files = List.copyOf(files);
        absent = List.copyOf(absent);
    }

    public boolean has(String file) {
        return files.contains(file);
    }

    public Path path(String file) {
        return folder.resolve(file);
    }

    public Path config() {
        return path("config.json");
    }

    public Optional<Path> tokenizer() {
        return has("tokenizer.json") ? Optional.of(path("tokenizer.json")) : Optional.empty();
    }
}
