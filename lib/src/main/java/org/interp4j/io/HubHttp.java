package org.interp4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The hub's HTTP side for {@link HubClient}: one GET with its redirects followed by hand (so the
 * headers of every hop stay readable and the token is sent only to the hub itself), the headers that
 * name a file's blob and size, and network trouble told apart from the hub's answers.
 */
final class HubHttp {

    private static final int MAX_REDIRECTS = 10;

    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param token the hub token, or null */
    HubHttp(String token) {
        this.token = token;
    }

    /** The responses of one request, redirects followed by hand so headers of every hop stay readable. */
    record Chain(List<HttpResponse<InputStream>> hops) {
        HttpResponse<InputStream> last() {
            return hops.get(hops.size() - 1);
        }

        String header(String name) {
            for (HttpResponse<InputStream> r : hops) {
                Optional<String> v = r.headers().firstValue(name);
                if (v.isPresent()) return v.get();
            }
            return null;
        }

        /** The hub's own etag: X-Linked-Etag (LFS sha256), else the ETag of the hop that named the commit. */
        String etag() {
            String linked = header("X-Linked-Etag");
            if (linked != null) return normalizeEtag(linked);
            for (HttpResponse<InputStream> r : hops) {
                if (r.headers().firstValue("X-Repo-Commit").isPresent()) {
                    return r.headers().firstValue("ETag").map(HubHttp::normalizeEtag).orElse(null);
                }
            }
            return last().headers().firstValue("ETag").map(HubHttp::normalizeEtag).orElse(null);
        }

        long size() {
            String linked = header("X-Linked-Size");
            String v = linked != null ? linked : last().headers().firstValue("Content-Length").orElse(null);
            try {
                return v == null ? -1 : Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** GET {@code uri}, redirects followed by hand; the token goes only to the server first asked. */
    Chain get(URI uri) throws IOException {
        List<HttpResponse<InputStream>> hops = new ArrayList<>();
        URI current = uri;
        for (int i = 0; i <= MAX_REDIRECTS; i++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(current).GET().timeout(Duration.ofSeconds(30))
                    .header("User-Agent", "interp4j/0.1; java/" + System.getProperty("java.version"))
                    .header("Accept-Encoding", "identity");
            if (token != null && sameServer(current, uri)) {
                req.header("Authorization", "Bearer " + token);
            }
            HttpResponse<InputStream> r;
            try {
                r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new Unreachable(describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unreachable("interrupted", e);
            }
            hops.add(r);
            Optional<String> location = r.headers().firstValue("Location");
            if (r.statusCode() / 100 != 3 || location.isEmpty()) return new Chain(hops);
            r.body().close();
            current = current.resolve(location.get());
        }
        throw new HubException("Too many redirects fetching " + uri + ".");
    }

    /** Network trouble, as opposed to an answer from the hub: the cache may still help. */
    static final class Unreachable extends IOException {
        Unreachable(String message) {
            super(message);
        }

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An ETag without its weak marker and quotes, as the cache names blobs. */
    static String normalizeEtag(String etag) {
        String e = etag.trim();
        if (e.startsWith("W/")) e = e.substring(2);
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) e = e.substring(1, e.length() - 1);
        return e;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    private static boolean sameServer(URI a, URI b) {
        return Objects.equals(lower(a.getHost()), lower(b.getHost())) && a.getPort() == b.getPort()
                && Objects.equals(a.getScheme(), b.getScheme());
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
