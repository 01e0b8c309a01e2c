package org.interp4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubClientTest {
    private static final String MAIN = "a".repeat(39) + "1";
    private static final String STEP1000 = "b".repeat(39) + "2";
    private static final byte[] CONFIG = "{\"model_type\": \"gpt2\", \"n_layer\": 1}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOKENIZER = "{\"version\": \"1.0\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    Path cacheDir;
    FakeHub fake;

    @BeforeEach
    void start() throws IOException {
        cacheDir = tmp.resolve("hf/hub");
        fake = new FakeHub();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HubClient client(String token) {
        return new HubClient(new HubSettings(cacheDir, fake.endpoint(), false, token));
    }

    private byte[] weights(float... values) throws IOException {
        Path f = SafetensorsFixtures.writeFloats(Files.createTempFile(tmp, "w", ".safetensors"), "wte.weight", values);
        return Files.readAllBytes(f);
    }

    private void gpt2() throws IOException {
        fake.repo("gpt2").commit("main", MAIN, Map.of("config.json", CONFIG,
                "model.safetensors", weights(1f, 2f, 3f), "tokenizer.json", TOKENIZER));
    }

    @Test
    void downloadWritesThePythonCacheLayout() throws IOException {
        byte[] model = weights(1f, 2f, 3f);
        gpt2();
        List<long[]> progress = new ArrayList<>();
        HubSnapshot s = client(null).withProgress((f, d, t) -> {
            if (f.equals("model.safetensors")) progress.add(new long[] {d, t});
        }).snapshot("gpt2");

        Path repo = cacheDir.resolve("models--gpt2");
        assertEquals(MAIN, Files.readString(repo.resolve("refs/main")));
        assertEquals(repo.resolve("snapshots/" + MAIN), s.folder());
        assertEquals(List.of("config.json", "model.safetensors", "tokenizer.json"), s.files());
        assertEquals(List.of(), s.absent());
        assertEquals(MAIN, s.commit());
        assertFalse(s.fromCache());

        String configBlob = FakeHub.gitSha1(CONFIG), modelBlob = FakeHub.sha256(model);
        assertEquals(Set.of(configBlob, modelBlob, FakeHub.gitSha1(TOKENIZER)), list(repo.resolve("blobs")));
        assertEquals(Set.of("config.json", "model.safetensors", "tokenizer.json"), list(s.folder()));
        for (String[] link : new String[][] {{"config.json", configBlob}, {"model.safetensors", modelBlob}}) {
            Path p = s.folder().resolve(link[0]);
            assertTrue(Files.isSymbolicLink(p), link[0]);
            assertEquals(Path.of("../../blobs/" + link[1]), Files.readSymbolicLink(p));
        }
        assertArrayEquals(model, Files.readAllBytes(s.path("model.safetensors")));
        assertArrayEquals(new long[] {model.length, model.length}, progress.get(progress.size() - 1));
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> w = Checkpoint.load(s.folder(), m);
            assertArrayEquals(new float[] {1f, 2f, 3f}, w.get("wte.weight").toFloatArray());
        }
    }

    @Test
    void secondCallIsServedFromTheCacheWhenTheHubIsDown() throws IOException {
        gpt2();
        HubSnapshot first = client(null).snapshot("gpt2");
        fake.close();
        HubSnapshot second = client(null).snapshot("gpt2");
        assertTrue(second.fromCache());
        assertEquals(first.folder(), second.folder());
        assertEquals(first.files(), second.files());
        // a single file too
        assertEquals(first.config(), client(null).file("gpt2", "main", "config.json"));
    }

    @Test
    void shardedRepositoryFetchesIndexAndShardsAndRecordsAbsentFiles() throws IOException {
        Path dir = SafetensorsFixtures.dir().resolve("sharded");
        String s1 = "model-00001-of-00002.safetensors", s2 = "model-00002-of-00002.safetensors";
        fake.repo("org/sharded").commit("main", MAIN, Map.of("config.json", CONFIG,
                CheckpointIndex.FILE_NAME, Files.readAllBytes(dir.resolve(CheckpointIndex.FILE_NAME)),
                s1, Files.readAllBytes(dir.resolve(s1)), s2, Files.readAllBytes(dir.resolve(s2))));
        HubSnapshot s = client(null).snapshot("org/sharded");
        assertEquals(List.of("config.json", CheckpointIndex.FILE_NAME, s1, s2), s.files());
        assertEquals(List.of("tokenizer.json"), s.absent());
        assertTrue(s.tokenizer().isEmpty());
        Path repo = cacheDir.resolve("models--org--sharded");
        // absent files are remembered the way huggingface_hub remembers them
        assertTrue(Files.isRegularFile(repo.resolve(".no_exist/" + MAIN + "/model.safetensors")));
        assertTrue(Files.isRegularFile(repo.resolve(".no_exist/" + MAIN + "/tokenizer.json")));
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(4, Checkpoint.load(s.folder(), m).size());
        }
        // the shards came from the content server, and a second call re-checks only the branch
        assertEquals(2, fake.requestsTo("cdn").size());
        int before = fake.requests.size();
        HubSnapshot again = client(null).snapshot("org/sharded");
        assertEquals(s.files(), again.files());
        assertEquals(before + 1, fake.requests.size());
    }

    @Test
    void branchAndCommitRevisionsResolveToTheirOwnSnapshots() throws IOException {
        String id = "EleutherAI/pythia-70m-deduped";
        fake.repo(id)
                .commit("main", MAIN, Map.of("config.json", CONFIG, "model.safetensors", weights(1f)))
                .commit("step1000", STEP1000, Map.of("config.json", CONFIG, "model.safetensors", weights(-7f)));
        HubClient hub = client(null);
        HubSnapshot step = hub.snapshot(id, "step1000");
        HubSnapshot byHash = hub.snapshot(id, MAIN);
        Path repo = cacheDir.resolve("models--EleutherAI--pythia-70m-deduped");
        assertEquals(STEP1000, step.commit());
        assertEquals(STEP1000, Files.readString(repo.resolve("refs/step1000")));
        assertEquals(MAIN, byHash.commit());
        assertFalse(Files.exists(repo.resolve("refs/" + MAIN)), "a commit hash needs no ref");
        assertFalse(Files.exists(repo.resolve("refs/main")), "main was never asked for by name");
        try (NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {-7f}, Checkpoint.load(step.folder(), m).get("wte.weight").toFloatArray());
            assertArrayEquals(new float[] {1f}, Checkpoint.load(byHash.folder(), m).get("wte.weight").toFloatArray());
        }
        // a commit never changes: asking again needs no network at all
        int before = fake.requests.size();
        HubSnapshot cached = hub.snapshot(id, STEP1000);
        assertEquals(before, fake.requests.size());
        assertTrue(cached.fromCache());
        assertEquals(step.folder(), cached.folder());
    }

    @Test
    void offlineModeReadsACacheWrittenByPython() throws IOException {
        // The layout huggingface_hub leaves behind: refs, blobs named by etag, relative symlinks;
        // one file is a plain copy, as on systems without symlinks.
        Path repo = cacheDir.resolve("models--facebook--opt-125m");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), MAIN);
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snap = Files.createDirectories(repo.resolve("snapshots/" + MAIN));
        byte[] model = weights(4f, 5f);
        Files.write(blobs.resolve(FakeHub.gitSha1(CONFIG)), CONFIG);
        Files.write(blobs.resolve(FakeHub.sha256(model)), model);
        Files.createSymbolicLink(snap.resolve("config.json"), Path.of("../../blobs/" + FakeHub.gitSha1(CONFIG)));
        Files.createSymbolicLink(snap.resolve("model.safetensors"), Path.of("../../blobs/" + FakeHub.sha256(model)));
        Files.write(snap.resolve("tokenizer.json"), TOKENIZER);

        HubClient offline = new HubClient(new HubSettings(cacheDir, "http://127.0.0.1:9", true, null));
        HubSnapshot s = offline.snapshot("facebook/opt-125m");
        assertTrue(s.fromCache());
        assertEquals(MAIN, s.commit());
        assertEquals(List.of("config.json", "model.safetensors", "tokenizer.json"), s.files());
        assertEquals(snap.resolve("tokenizer.json"), s.tokenizer().orElseThrow());
        try (NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {4f, 5f}, Checkpoint.load(s.folder(), m).get("wte.weight").toFloatArray());
        }
        assertTrue(fake.requests.isEmpty());
    }

    @Test
    void offlineAndNotCachedFailsFastNamingEverything() {
        HubClient offline = new HubClient(HubSettings.fromEnvironment(
                Map.of("HF_HOME", tmp.resolve("hf").toString(), "HF_HUB_OFFLINE", "1"), tmp));
        HubException e = assertThrows(HubException.class, () -> offline.snapshot("gpt2", "step3000"));
        String m = e.getMessage();
        for (String part : List.of("'gpt2'", "'step3000'", cacheDir.toAbsolutePath().toString(), "HF_HUB_OFFLINE",
                "hf download gpt2 --revision step3000", "huggingface-cli download")) {
            assertTrue(m.contains(part), "missing " + part + " in: " + m);
        }
    }

    @Test
    void unknownRepositorySaysCheckTheNameAndSuggests() throws IOException {
        gpt2();
        HubClient hub = client(null).withKnownModels(List.of("gpt2", "EleutherAI/pythia-70m-deduped", "facebook/opt-125m"));
        HubException e = assertThrows(HubException.class, () -> hub.snapshot("gpt2x"));
        assertTrue(e.getMessage().startsWith("No model 'gpt2x' on the hub at " + fake.endpoint()
                + " (HTTP 401); check the name. Did you mean 'gpt2'?"), e.getMessage());
        HubException e2 = assertThrows(HubException.class, () -> hub.snapshot("pythia-70m-dedup"));
        assertTrue(e2.getMessage().contains("Did you mean 'EleutherAI/pythia-70m-deduped'?"), e2.getMessage());
        assertFalse(Files.exists(cacheDir.resolve("models--gpt2x/snapshots")));
        assertThrows(IllegalArgumentException.class, () -> hub.snapshot("../etc"));
    }

    @Test
    void unknownRevisionIsNamed() throws IOException {
        gpt2();
        HubException e = assertThrows(HubException.class, () -> client(null).snapshot("gpt2", "step99"));
        assertTrue(e.getMessage().contains("Model 'gpt2' has no revision 'step99'"), e.getMessage());
    }

    @Test
    void privateRepositoryNeedsTheTokenWhichStaysOnTheHub() throws IOException {
        fake.repo("acme/private").commit("main", MAIN, Map.of("config.json", CONFIG,
                "model.safetensors", weights(9f)));
        fake.repo("acme/private").token = "hf_secret";
        HubException e = assertThrows(HubException.class, () -> client(null).snapshot("acme/private"));
        assertTrue(e.getMessage().contains("set HF_TOKEN"), e.getMessage());

        HubSnapshot s = client("hf_secret").snapshot("acme/private");
        assertTrue(s.has("model.safetensors"));
        assertTrue(fake.requestsTo("hub").stream().anyMatch(r -> "Bearer hf_secret".equals(r.authorization())));
        List<FakeHub.Request> cdn = fake.requestsTo("cdn");
        assertEquals(1, cdn.size());
        assertNull(cdn.get(0).authorization(), "the token must not go to the content server");
    }

    @Test
    void unreachableHubWithoutCacheSaysSo() throws IOException {
        fake.close();
        HubException e = assertThrows(HubException.class, () -> client(null).snapshot("gpt2"));
        assertTrue(e.getMessage().startsWith("Could not reach the hub at " + fake.endpoint()), e.getMessage());
        assertTrue(e.getMessage().contains("No complete copy is in the cache at " + cacheDir.toAbsolutePath()),
                e.getMessage());
    }

    @Test
    void brokenDownloadLeavesNoBlobBehind() throws IOException {
        gpt2();
        fake.repo("gpt2").lfsSizeLie = 100;
        HubException e = assertThrows(HubException.class, () -> client(null).snapshot("gpt2"));
        assertTrue(e.getMessage().contains("stopped after"), e.getMessage());
        Set<String> blobs = list(cacheDir.resolve("models--gpt2/blobs"));
        assertEquals(Set.of(FakeHub.gitSha1(CONFIG)), blobs, "only the finished config blob may remain");
    }

    @Test
    void truncatedWeightsFromTheHubGiveAClearError() throws IOException {
        byte[] model = weights(1f, 2f, 3f);
        byte[] cut = java.util.Arrays.copyOf(model, model.length - 5);
        fake.repo("gpt2").commit("main", MAIN, Map.of("config.json", CONFIG, "model.safetensors", cut));
        HubSnapshot s = client(null).snapshot("gpt2");
        try (NDManager m = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(s.folder(), m));
            assertTrue(e.getMessage().contains("is truncated: tensor 'wte.weight'"), e.getMessage());
        }
    }

    @Test
    void repositoryWithoutSafetensorsIsExplained() throws IOException {
        fake.repo("old/model").commit("main", MAIN, Map.of("config.json", CONFIG, "pytorch_model.bin", new byte[4]));
        HubException e = assertThrows(HubException.class, () -> client(null).snapshot("old/model"));
        assertTrue(e.getMessage().contains("has no safetensors weights"), e.getMessage());
        Path none = client(null).fileIfPresent("old/model", "main", "tokenizer.json").orElse(null);
        assertNull(none);
        assertNotEquals(0, fake.requests.size());
    }

    private static Set<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
