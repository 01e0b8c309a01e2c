package org.interp4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where and how the Hugging Face hub is reached, read from the same environment variables as
 * Python's {@code huggingface_hub}, so both share one cache:
 * <ul>
 *   <li>cache: {@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 *       {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub};</li>
 *   <li>endpoint: {@code HF_ENDPOINT}, default {@code https://huggingface.co};</li>
 *   <li>offline: {@code HF_HUB_OFFLINE} (or {@code TRANSFORMERS_OFFLINE}) set to 1/ON/YES/TRUE;</li>
 *   <li>token: {@code HF_TOKEN}, else the file {@code $HF_HOME/token} written by {@code hf auth login}.</li>
 * </ul>
 * Tests and notebooks can build one with explicit values instead.
 */
public record HubSettings(Path cacheDir, String endpoint, boolean offline, String token) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");

    public HubSettings {
        if (cacheDir == null) throw new IllegalArgumentException("The hub cache folder must be given.");
        endpoint = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : stripSlash(endpoint.trim());
        token = token == null || token.isBlank() ? null : token.trim();
    }

    /** Settings from this process's environment and home folder. */
    public static HubSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Settings from the given variables, as if they were the environment, with {@code home} as {@code ~}. */
    public static HubSettings fromEnvironment(Map<String, String> env, Path home) {
        Path hfHome = path(env.get("HF_HOME"), home);
        if (hfHome == null) {
            Path xdg = path(env.get("XDG_CACHE_HOME"), home);
            hfHome = (xdg != null ? xdg : home.resolve(".cache")).resolve("huggingface");
        }
        Path cache = path(env.get("HF_HUB_CACHE"), home);
        if (cache == null) cache = path(env.get("HUGGINGFACE_HUB_CACHE"), home);
        if (cache == null) cache = hfHome.resolve("hub");
        String offline = env.get("HF_HUB_OFFLINE");
        if (offline == null || offline.isBlank()) offline = env.get("TRANSFORMERS_OFFLINE");
        boolean isOffline = offline != null && TRUE.contains(offline.trim().toUpperCase(Locale.ROOT));
        String token = env.get("HF_TOKEN");
        if (token == null || token.isBlank()) token = readToken(hfHome.resolve("token"));
        return new HubSettings(cache, env.get("HF_ENDPOINT"), isOffline, token);
    }

    public HubSettings withOffline(boolean value) {
        return new HubSettings(cacheDir, endpoint, value, token);
    }

    public HubSettings withCacheDir(Path dir) {
        return new HubSettings(dir, endpoint, offline, token);
    }

    public HubSettings withEndpoint(String url) {
        return new HubSettings(cacheDir, url, offline, token);
    }

    public HubSettings withToken(String value) {
        return new HubSettings(cacheDir, endpoint, offline, value);
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "HubSettings[cacheDir=" + cacheDir + ", endpoint=" + endpoint + ", offline=" + offline
                + ", token=" + (token == null ? "none" : "set") + "]";
    }

    private static Path path(String value, Path home) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        if (v.equals("~")) return home;
        if (v.startsWith("~/")) return home.resolve(v.substring(2));
        return Path.of(v);
    }

    private static String readToken(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null; // an unreadable token file just means anonymous access
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? stripSlash(s.substring(0, s.length() - 1)) : s;
    }
}
