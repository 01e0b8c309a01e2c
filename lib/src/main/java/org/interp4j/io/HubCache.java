package org.interp4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Hugging Face hub cache on disk, in the layout Python's {@code huggingface_hub} uses, so a
 * model fetched by either side is found by the other:
 * <pre>
 * {root}/models--{org}--{name}/
 *     refs/{revision}                 text file holding the commit hash of a branch or tag
 *     blobs/{etag}                    file contents, named by etag (sha256 for LFS files)
 *     snapshots/{commit}/{filename}   relative symlink to ../../blobs/{etag} (or a plain file)
 *     .no_exist/{commit}/{filename}   empty marker: the file is known to be absent at that commit
 * </pre>
 * This class only reads and writes that folder; {@link HubClient} does the network part.
 */
public final class HubCache {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");

    private final Path root;

    public HubCache(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /** True for a full 40-character commit hash (which never needs a {@code refs/} lookup). */
    public static boolean isCommitHash(String revision) {
        return revision != null && COMMIT.matcher(revision).matches();
    }

    /** Rejects ids that are not {@code name} or {@code org/name}, before they become paths or URLs. */
    public static void checkRepoId(String repoId) {
        if (repoId == null || repoId.length() > 96 || !REPO_ID.matcher(repoId).matches()
                || repoId.contains("--") || repoId.contains("..")) {
            throw new IllegalArgumentException("'" + repoId + "' is not a hub model id: use 'name' or"
                    + " 'organisation/name', e.g. 'gpt2' or 'EleutherAI/pythia-70m-deduped'.");
        }
    }

    /** {@code models--EleutherAI--pythia-70m-deduped} for {@code EleutherAI/pythia-70m-deduped}. */
    public static String folderName(String repoId) {
        checkRepoId(repoId);
        return "models--" + repoId.replace("/", "--");
    }

    public Path repoFolder(String repoId) {
        return root.resolve(folderName(repoId));
    }

    /** The commit a revision points to: the revision itself if it is a hash, else the content of {@code refs/}. */
    public Optional<String> commit(String repoId, String revision) throws IOException {
        if (isCommitHash(revision)) return Optional.of(revision);
        Path ref = refFile(repoId, revision);
        if (!Files.isRegularFile(ref)) return Optional.empty();
        String hash = Files.readString(ref, StandardCharsets.UTF_8).trim();
        return hash.isEmpty() ? Optional.empty() : Optional.of(hash);
    }

    /** The snapshot folder of a revision, if that revision has been fetched before. */
    public Optional<Path> snapshot(String repoId, String revision) throws IOException {
        Optional<String> commit = commit(repoId, revision);
        if (commit.isEmpty()) return Optional.empty();
        Path dir = snapshotFolder(repoId, commit.get());
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** A cached file of a revision; a symlink whose blob is gone counts as absent. */
    public Optional<Path> file(String repoId, String revision, String filename) throws IOException {
        Optional<Path> dir = snapshot(repoId, revision);
        if (dir.isEmpty()) return Optional.empty();
        Path f = dir.get().resolve(filename);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /** True if an earlier download learnt that {@code filename} does not exist at this revision. */
    public boolean knownMissing(String repoId, String revision, String filename) throws IOException {
        Optional<String> commit = commit(repoId, revision);
        return commit.isPresent()
                && Files.isRegularFile(repoFolder(repoId).resolve(".no_exist").resolve(commit.get()).resolve(filename));
    }

    public Path snapshotFolder(String repoId, String commit) {
        return repoFolder(repoId).resolve("snapshots").resolve(commit);
    }

    public Path blob(String repoId, String etag) {
        return repoFolder(repoId).resolve("blobs").resolve(etag);
    }

    /** Records which commit a branch or tag points to (nothing to do for a commit hash). */
    public void writeRef(String repoId, String revision, String commit) throws IOException {
        if (revision.equals(commit)) return;
        Path ref = refFile(repoId, revision);
        if (Files.isRegularFile(ref) && Files.readString(ref).trim().equals(commit)) return;
        Files.createDirectories(ref.getParent());
        Path tmp = ref.resolveSibling(ref.getFileName() + "." + shortId() + ".tmp");
        Files.writeString(tmp, commit, StandardCharsets.UTF_8);
        moveAtomically(tmp, ref);
    }

    /** A fresh temporary file next to the blobs, so the final move is a rename on one volume. */
    public Path newDownloadFile(String repoId, String etag) throws IOException {
        Path dir = Files.createDirectories(repoFolder(repoId).resolve("blobs"));
        return dir.resolve(etag + "." + shortId() + ".incomplete");
    }

    /** Moves a finished download into {@code blobs/{etag}}; readers never see a partial blob. */
    public Path addBlob(String repoId, String etag, Path downloaded) throws IOException {
        Path blob = blob(repoId, etag);
        moveAtomically(downloaded, blob);
        return blob;
    }

    /**
     * Points {@code snapshots/{commit}/{filename}} at the blob with a relative symlink, as
     * {@code huggingface_hub} does; where symlinks are not allowed, copies the blob instead.
     */
    public Path link(String repoId, String commit, String filename, String etag) throws IOException {
        Path target = snapshotFolder(repoId, commit).resolve(filename);
        Path blob = blob(repoId, etag);
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        try {
            Files.createSymbolicLink(target, target.getParent().relativize(blob));
        } catch (FileAlreadyExistsException e) {
            throw e; // written concurrently by another process: not a lack of symlink support
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Writes the {@code .no_exist} marker Python's client also writes and reads. */
    public void markMissing(String repoId, String commit, String filename) throws IOException {
        Path marker = repoFolder(repoId).resolve(".no_exist").resolve(commit).resolve(filename);
        Files.createDirectories(marker.getParent());
        if (!Files.exists(marker)) Files.createFile(marker);
    }

    private Path refFile(String repoId, String revision) {
        return repoFolder(repoId).resolve("refs").resolve(revision);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A revision in the cache with config, all weights and (if known) tokenizer, or empty: what
     * {@link HubClient} falls back to offline or when the hub cannot be reached.
     */
    public Optional<HubSnapshot> completeSnapshot(String repo, String revision) throws IOException {
        Optional<String> commit = commit(repo, revision);
        Optional<Path> folder = snapshot(repo, revision);
        if (commit.isEmpty() || folder.isEmpty()) return Optional.empty();
        Path dir = folder.get();
        List<String> files = new ArrayList<>();
        if (!Files.isRegularFile(dir.resolve(HubClient.CONFIG))) return Optional.empty();
        files.add(HubClient.CONFIG);
        if (Files.isRegularFile(dir.resolve(Checkpoint.SINGLE_FILE))) {
            files.add(Checkpoint.SINGLE_FILE);
        } else if (Files.isRegularFile(dir.resolve(CheckpointIndex.FILE_NAME))) {
            files.add(CheckpointIndex.FILE_NAME);
            for (String shard : CheckpointIndex.read(dir.resolve(CheckpointIndex.FILE_NAME)).shards()) {
                if (!Files.isRegularFile(dir.resolve(shard))) return Optional.empty();
                files.add(shard);
            }
        } else {
            return Optional.empty();
        }
        List<String> absent = new ArrayList<>();
        (Files.isRegularFile(dir.resolve(HubClient.TOKENIZER)) ? files : absent).add(HubClient.TOKENIZER);
        return Optional.of(new HubSnapshot(repo, revision, commit.get(), dir, files, absent, true));
    }
}
