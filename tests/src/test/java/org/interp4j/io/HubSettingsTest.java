package org.interp4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSettingsTest {
    @TempDir
    Path home;

    @Test
    void cacheFolderFollowsHuggingFaceHubPrecedence() {
        assertEquals(home.resolve(".cache/huggingface/hub"), HubSettings.fromEnvironment(Map.of(), home).cacheDir());
        assertEquals(Path.of("/x/huggingface/hub"),
                HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x"), home).cacheDir());
        assertEquals(Path.of("/h/hub"),
                HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x", "HF_HOME", "/h"), home).cacheDir());
        assertEquals(Path.of("/c"),
                HubSettings.fromEnvironment(Map.of("HF_HOME", "/h", "HF_HUB_CACHE", "/c"), home).cacheDir());
        assertEquals(home.resolve("hf/hub"), HubSettings.fromEnvironment(Map.of("HF_HOME", "~/hf"), home).cacheDir());
    }

    @Test
    void offlineEndpointAndToken() throws IOException {
        for (String yes : new String[] {"1", "true", "ON", "yes"}) {
            assertTrue(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", yes), home).offline(), yes);
        }
        assertFalse(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", "0"), home).offline());
        assertTrue(HubSettings.fromEnvironment(Map.of("TRANSFORMERS_OFFLINE", "1"), home).offline());
        HubSettings d = HubSettings.fromEnvironment(Map.of(), home);
        assertEquals("https://huggingface.co", d.endpoint());
        assertNull(d.token());
        assertEquals("http://mirror:8080",
                HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror:8080/"), home).endpoint());
        assertEquals("hf_env", HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_env"), home).token());
        Files.createDirectories(home.resolve(".cache/huggingface"));
        Files.writeString(home.resolve(".cache/huggingface/token"), "hf_file\n");
        HubSettings fromFile = HubSettings.fromEnvironment(Map.of(), home);
        assertEquals("hf_file", fromFile.token());
        assertFalse(fromFile.toString().contains("hf_file"), "the token must not be printed");
    }

    @Test
    void cacheNamesAndRevisions() {
        assertEquals("models--EleutherAI--pythia-70m-deduped", HubCache.folderName("EleutherAI/pythia-70m-deduped"));
        assertEquals("models--gpt2", HubCache.folderName("gpt2"));
        assertTrue(HubCache.isCommitHash("0123456789abcdef0123456789abcdef01234567"));
        assertFalse(HubCache.isCommitHash("step3000"));
        assertThrows(IllegalArgumentException.class, () -> HubCache.folderName("a/b/c"));
        assertEquals("abc", HubHttp.normalizeEtag("W/\"abc\""));
        assertEquals("abc", HubHttp.normalizeEtag("\"abc\""));
    }
}
