package org.interp4j.io;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the Hugging Face hub on 127.0.0.1, answering {@code /{repo}/resolve/{revision}/{file}}
 * as the real one does: small files directly with {@code X-Repo-Commit} and a git-sha1 {@code ETag};
 * {@code .safetensors} files with a 302 to a second server (the content store) carrying
 * {@code X-Linked-Etag} (sha256) and {@code X-Linked-Size}; errors with {@code X-Error-Code}.
 */
final class FakeHub implements AutoCloseable {

    /** One repository: branches pointing at commits, and each commit's files. */
    static final class Repo {
        final Map<String, String> branches = new HashMap<>();
        final Map<String, Map<String, byte[]>> commits = new HashMap<>();
        String token;
        /** When set, LFS answers claim this many bytes more than they send (a broken download). */
        long lfsSizeLie;

        Repo commit(String branch, String commit, Map<String, byte[]> files) {
            if (branch != null) branches.put(branch, commit);
            commits.put(commit, new LinkedHashMap<>(files));
            return this;
        }
    }

    /** One request as the servers saw it. */
    record Request(String server, String path, String authorization) {}

    final Map<String, Repo> repos = new HashMap<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, byte[]> store = new HashMap<>();
    private final HttpServer hub;
    private final HttpServer cdn;

    FakeHub() throws IOException {
        InetAddress local = InetAddress.getLoopbackAddress();
        hub = HttpServer.create(new InetSocketAddress(local, 0), 0);
        cdn = HttpServer.create(new InetSocketAddress(local, 0), 0);
        hub.createContext("/", this::hub);
        cdn.createContext("/", this::cdn);
        hub.start();
        cdn.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    Repo repo(String id) {
        return repos.computeIfAbsent(id, k -> new Repo());
    }

    List<Request> requestsTo(String server) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.server().equals(server)).toList();
        }
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
    }

    private void hub(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        requests.add(new Request("hub", path, ex.getRequestHeaders().getFirst("Authorization")));
        int at = path.indexOf("/resolve/");
        if (at < 0) {
            send(ex, 404, Map.of(), new byte[0]);
            return;
        }
        String repoId = path.substring(1, at);
        String rest = path.substring(at + "/resolve/".length());
        String revision = URLDecoder.decode(rest.substring(0, rest.indexOf('/')), StandardCharsets.UTF_8);
        String file = URLDecoder.decode(rest.substring(rest.indexOf('/') + 1), StandardCharsets.UTF_8);
        Repo repo = repos.get(repoId);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (repo == null || (repo.token != null && !("Bearer " + repo.token).equals(auth))) {
            // The hub says 401 for unknown and for private repositories alike.
            send(ex, 401, Map.of("X-Error-Code", "RepoNotFound"), "Repository not found".getBytes());
            return;
        }
        String commit = repo.branches.getOrDefault(revision, repo.commits.containsKey(revision) ? revision : null);
        if (commit == null) {
            send(ex, 404, Map.of("X-Error-Code", "RevisionNotFound"), "Invalid rev id".getBytes());
            return;
        }
        byte[] data = repo.commits.get(commit).get(file);
        if (data == null) {
            send(ex, 404, Map.of("X-Error-Code", "EntryNotFound", "X-Repo-Commit", commit), "Entry not found".getBytes());
            return;
        }
        if (file.endsWith(".safetensors")) {
            String sha = sha256(data);
            store.put(sha, data);
            send(ex, 302, Map.of("X-Repo-Commit", commit, "X-Linked-Etag", "\"" + sha + "\"",
                    "X-Linked-Size", String.valueOf(data.length + repo.lfsSizeLie),
                    "ETag", "W/\"redirect-etag\"",
                    "Location", "http://127.0.0.1:" + cdn.getAddress().getPort() + "/store/" + sha + "?signed=1"),
                    new byte[0]);
            return;
        }
        send(ex, 200, Map.of("X-Repo-Commit", commit, "ETag", "\"" + gitSha1(data) + "\""), data);
    }

    private void cdn(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        requests.add(new Request("cdn", path, ex.getRequestHeaders().getFirst("Authorization")));
        byte[] data = store.get(path.substring(path.lastIndexOf('/') + 1));
        if (data == null) {
            send(ex, 404, Map.of(), new byte[0]);
            return;
        }
        // The content store's own ETag is not the hub's; clients must not name blobs after it.
        send(ex, 200, Map.of("ETag", "\"store-" + data.length + "\""), data);
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (ex.getRequestMethod().equals("HEAD")) { // metadata only, as Python's client first asks
            ex.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    static String sha256(byte[] data) {
        return hex("SHA-256", data);
    }

    /** Git's blob id, which the hub uses as the ETag of files kept in git rather than LFS. */
    static String gitSha1(byte[] data) {
        byte[] head = ("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + data.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(data, 0, all, head.length, data.length);
        return hex("SHA-1", all);
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
