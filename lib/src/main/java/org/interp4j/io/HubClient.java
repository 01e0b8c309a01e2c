package org.interp4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches model files from the Hugging Face hub into the shared cache ({@link HubCache}) and
 * resolves a model id and revision to a local snapshot folder.
 *
 * <p>Online, each file is requested as {@code GET {endpoint}/{repo}/resolve/{revision}/{file}};
 * the commit comes from the {@code X-Repo-Commit} header and the blob name from
 * {@code X-Linked-Etag} or {@code ETag}, as in Python's {@code huggingface_hub}. Large files are
 * redirected to a content server; the token is sent only to the hub itself. If the hub cannot be
 * reached, a complete cached copy of the revision is used. Offline ({@code HF_HUB_OFFLINE=1} or
 * {@link HubSettings#withOffline}), only the cache is consulted.
 *
 * <pre>{@code
 * HubSnapshot s = new HubClient().snapshot("EleutherAI/pythia-70m-deduped", "step3000");
 * Map<String, NDArray> weights = Checkpoint.load(s.folder(), manager);
 * }</pre>
 *
 * <p>About 330 lines: resolving a file online, falling back to the cache, and the messages that say
 * which of the two failed and what to do are one decision; HTTP is in {@link HubHttp} and what a
 * complete cached revision is in {@link HubCache}.
 */
public final class HubClient {
    public static final String DEFAULT_REVISION = "main";
    public static final String CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";

    private static final long PROGRESS_STEP = 1 << 20;

    private final HubSettings settings;
    private final HubCache cache;
    private final HubProgress progress;
    private final List<String> knownModels;
    private final HubHttp http;

    /** A client configured from the environment, like Python's. */
    public HubClient() {
        this(HubSettings.fromEnvironment());
    }

    public HubClient(HubSettings settings) {
        this(settings, HubProgress.NONE, List.of());
    }

    private HubClient(HubSettings settings, HubProgress progress, List<String> knownModels) {
        this.settings = Objects.requireNonNull(settings);
        this.cache = new HubCache(settings.cacheDir());
        this.progress = Objects.requireNonNull(progress);
        this.knownModels = List.copyOf(knownModels);
        this.http = new HubHttp(settings.token());
    }

    /** The same client, reporting download progress to {@code p}. */
    public HubClient withProgress(HubProgress p) {
        return new HubClient(settings, p, knownModels);
    }

    /** The same client, suggesting close names from {@code ids} when a model is not found. */
    public HubClient withKnownModels(Collection<String> ids) {
        return new HubClient(settings, progress, new ArrayList<>(ids));
    }

    public HubSettings settings() {
        return settings;
    }

    public HubCache cache() {
        return cache;
    }

    /** The {@code main} revision of a model; see {@link #snapshot(String, String)}. */
    public HubSnapshot snapshot(String repoId) throws IOException {
        return snapshot(repoId, DEFAULT_REVISION);
    }

    /**
     * Makes a model revision available locally and returns its snapshot folder: {@code config.json},
     * then {@code model.safetensors} or (if the repository has none) the index and all its shards,
     * and {@code tokenizer.json} if the repository has one.
     *
     * @param revision a branch ({@code main}, Pythia's {@code step3000}), a tag, or a 40-hex commit
     */
    public HubSnapshot snapshot(String repoId, String revision) throws IOException {
        HubCache.checkRepoId(repoId);
        checkRevision(revision);
        if (settings.offline()) {
            return cache.completeSnapshot(repoId, revision).orElseThrow(() -> notCachedOffline(repoId, revision, null));
        }
        try {
            return fetchSnapshot(repoId, revision);
        } catch (HubHttp.Unreachable e) {
            Optional<HubSnapshot> cached = cache.completeSnapshot(repoId, revision);
            if (cached.isPresent()) return cached.get();
            throw unreachable(repoId, revision, e);
        }
    }

    /** One file of a revision; fails with a clear message if the repository does not have it. */
    public Path file(String repoId, String revision, String filename) throws IOException {
        return fileIfPresent(repoId, revision, filename).orElseThrow(() -> new HubException("Model '" + repoId
                + "' has no file '" + filename + "' at revision '" + revision + "' on the hub at "
                + settings.endpoint() + "."));
    }

    /** One file of a revision, or empty if the repository does not have it. */
    public Optional<Path> fileIfPresent(String repoId, String revision, String filename) throws IOException {
        HubCache.checkRepoId(repoId);
        checkRevision(revision);
        checkFilename(filename);
        if (settings.offline()) {
            Optional<Path> f = cache.file(repoId, revision, filename);
            if (f.isPresent() || cache.knownMissing(repoId, revision, filename)) return f;
            throw notCachedOffline(repoId, revision, filename);
        }
        try {
            return Optional.ofNullable(fetch(repoId, revision, filename).path());
        } catch (HubHttp.Unreachable e) {
            Optional<Path> f = cache.file(repoId, revision, filename);
            if (f.isPresent()) return f;
            throw unreachable(repoId, revision, e);
        }
    }

    // ---- online --------------------------------------------------------------------------------

    private HubSnapshot fetchSnapshot(String repo, String revision) throws IOException {
        Fetched config = fetch(repo, revision, CONFIG);
        if (config.path() == null) {
            if (config.entryMissing()) {
                throw new HubException("Model '" + repo + "' has no " + CONFIG + " at revision '" + revision
                        + "', so it is not a transformers model that can be loaded here.");
            }
            throw repoNotFound(repo, 404);
        }
        // Later files are asked for by commit, so the snapshot is consistent even if the branch moves.
        String commit = config.commit();
        boolean network = !config.fromCache();
        List<String> files = new ArrayList<>(List.of(CONFIG));
        List<String> absent = new ArrayList<>();
        Fetched weights = fetch(repo, commit, Checkpoint.SINGLE_FILE);
        network |= !weights.fromCache();
        if (weights.path() != null) {
            files.add(Checkpoint.SINGLE_FILE);
        } else {
            Fetched index = fetch(repo, commit, CheckpointIndex.FILE_NAME);
            network |= !index.fromCache();
            if (index.path() == null) throw noWeights(repo, revision);
            files.add(CheckpointIndex.FILE_NAME);
            for (String shard : CheckpointIndex.read(index.path()).shards()) {
                checkFilename(shard);
                Fetched s = fetch(repo, commit, shard);
                network |= !s.fromCache();
                if (s.path() == null) {
                    throw new HubException("Model '" + repo + "' at revision '" + revision + "' lists shard '"
                            + shard + "' in " + CheckpointIndex.FILE_NAME + " but the hub has no such file.");
                }
                files.add(shard);
            }
        }
        Fetched tokenizer = fetch(repo, commit, TOKENIZER);
        network |= !tokenizer.fromCache();
        (tokenizer.path() != null ? files : absent).add(TOKENIZER);
        return new HubSnapshot(repo, revision, commit, cache.snapshotFolder(repo, commit), files, absent, !network);
    }

    /** A file's cache path (null if the repository lacks it) and the commit it belongs to. */
    private record Fetched(Path path, String commit, boolean fromCache, boolean entryMissing) {}

    private Fetched fetch(String repo, String revision, String filename) throws IOException {
        if (HubCache.isCommitHash(revision)) {
            // A commit never changes, so a cached answer is final.
            Optional<Path> cached = cache.file(repo, revision, filename);
            if (cached.isPresent()) return new Fetched(cached.get(), revision, true, false);
            if (cache.knownMissing(repo, revision, filename)) return new Fetched(null, revision, true, true);
        }
        HubHttp.Chain chain = http.get(resolveUri(repo, revision, filename));
        try (InputStream body = chain.last().body()) {
            int status = chain.last().statusCode();
            if (status == 200) return store(repo, revision, filename, chain, body);
            String error = chain.header("X-Error-Code");
            String commit = chain.header("X-Repo-Commit");
            if ("EntryNotFound".equals(error) || (status == 404 && error == null)) {
                if (commit != null) {
                    cache.writeRef(repo, revision, commit);
                    cache.markMissing(repo, commit, filename);
                }
                String c = commit != null ? commit : HubCache.isCommitHash(revision) ? revision : null;
                return new Fetched(null, c, false, error != null);
            }
            if ("RevisionNotFound".equals(error)) {
                throw new HubException("Model '" + repo + "' has no revision '" + revision + "' on the hub at "
                        + settings.endpoint() + "; use a branch or tag name (e.g. 'main', or Pythia's"
                        + " 'step3000') or a full 40-character commit hash.");
            }
            if ("GatedRepo".equals(error)) {
                throw new HubException("Model '" + repo + "' is gated: accept its terms at " + settings.endpoint()
                        + "/" + repo + " while logged in, then set HF_TOKEN to a token of that account.");
            }
            if ("RepoNotFound".equals(error) || status == 401) throw repoNotFound(repo, status);
            if (status == 403) {
                throw new HubException("The hub at " + settings.endpoint() + " refused access to '" + repo
                        + "' (HTTP 403); check that HF_TOKEN may read this repository.");
            }
            if (status == 429 || status >= 500) {
                throw new HubHttp.Unreachable("the hub answered HTTP " + status + " for " + filename);
            }
            throw new HubException("Unexpected answer HTTP " + status + " from " + chain.last().uri()
                    + " for '" + filename + "' of '" + repo + "'.");
        }
    }

    private Fetched store(String repo, String revision, String filename, HubHttp.Chain chain, InputStream body)
            throws IOException {
        String commit = chain.header("X-Repo-Commit");
        String etag = chain.etag();
        if (commit == null || !HubCache.isCommitHash(commit) || etag == null || etag.isEmpty()
                || etag.contains("/") || etag.contains("..")) {
            throw new HubException("The server at " + settings.endpoint() + " did not answer like a Hugging Face"
                    + " hub for '" + filename + "' of '" + repo + "' (X-Repo-Commit or ETag missing);"
                    + " check HF_ENDPOINT.");
        }
        cache.writeRef(repo, revision, commit);
        if (!Files.isRegularFile(cache.blob(repo, etag))) {
            download(repo, filename, etag, chain.size(), body);
        }
        return new Fetched(cache.link(repo, commit, filename, etag), commit, false, false);
    }

    private void download(String repo, String filename, String etag, long total, InputStream body)
            throws IOException {
        Path tmp = cache.newDownloadFile(repo, etag);
        long done = 0;
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                long reported = 0;
                progress.update(filename, 0, total);
                for (int n; (n = body.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    done += n;
                    if (done - reported >= PROGRESS_STEP) {
                        progress.update(filename, done, total);
                        reported = done;
                    }
                }
            } catch (IOException e) {
                throw new HubHttp.Unreachable("the download of " + filename + " broke off after " + done + " bytes ("
                        + e.getMessage() + ")", e);
            }
            if (total >= 0 && done != total) {
                throw new HubHttp.Unreachable("the download of " + filename + " stopped after " + done + " of "
                        + total + " bytes");
            }
            progress.update(filename, done, total);
            cache.addBlob(repo, etag, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private URI resolveUri(String repo, String revision, String filename) {
        StringBuilder path = new StringBuilder();
        for (String part : filename.split("/")) path.append('/').append(encode(part));
        return URI.create(settings.endpoint() + "/" + repo + "/resolve/" + encode(revision) + path);
    }

    // ---- messages ------------------------------------------------------------------------------

    private HubException notCachedOffline(String repo, String revision, String filename) {
        String what = filename == null ? "Model '" + repo + "'" : "File '" + filename + "' of model '" + repo + "'";
        return new HubException(what + " (revision '" + revision + "') is not in the Hugging Face cache at "
                + cache.root() + ", and offline mode is on (HF_HUB_OFFLINE). Fetch it once with network"
                + " access (unset HF_HUB_OFFLINE and run again), or run `hf download " + repo + " --revision "
                + revision + "` (older clients: `huggingface-cli download`) with the same HF_HOME.");
    }

    private HubException unreachable(String repo, String revision, HubHttp.Unreachable e) {
        return new HubException("Could not reach the hub at " + settings.endpoint() + " to fetch '" + repo
                + "' (revision '" + revision + "'): " + e.getMessage() + ". No complete copy is in the cache at "
                + cache.root() + " either. Check the network or HF_ENDPOINT and try again, or fetch it elsewhere"
                + " with `hf download " + repo + " --revision " + revision + "` and copy the cache folder.", e);
    }

    private HubException repoNotFound(String repo, int status) {
        StringBuilder m = new StringBuilder("No model '" + repo + "' on the hub at " + settings.endpoint()
                + " (HTTP " + status + "); check the name.");
        List<String> close = HubNames.closest(repo, knownModels, 3);
        if (!close.isEmpty()) m.append(" Did you mean ").append(String.join(", ", close)).append('?');
        m.append(settings.token() == null
                ? " If it is private or gated, set HF_TOKEN to a token that can read it."
                : " A token was sent; if the model is private, check that the token can read it.");
        return new HubException(m.toString());
    }

    private HubException noWeights(String repo, String revision) {
        return new HubException("Model '" + repo + "' at revision '" + revision + "' has no safetensors weights"
                + " (neither " + Checkpoint.SINGLE_FILE + " nor " + CheckpointIndex.FILE_NAME + "); checkpoints"
                + " published only as pytorch_model.bin must be converted to safetensors first.");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void checkRevision(String revision) {
        if (revision == null || revision.isBlank() || revision.contains("..") || revision.startsWith("/")) {
            throw new IllegalArgumentException("'" + revision + "' is not a revision: use a branch or tag"
                    + " name such as 'main' or 'step3000', or a 40-character commit hash.");
        }
    }

    private static void checkFilename(String filename) {
        if (filename == null || filename.isBlank() || filename.startsWith("/") || filename.contains("\\")
                || List.of(filename.split("/")).contains("..")) {
            throw new IllegalArgumentException("'" + filename + "' is not a file name inside a repository.");
        }
    }
}
