package dev.orrery.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.orrery.gateway.LoggedIn;
import dev.orrery.gateway.stub.StubFrontend.Answer;
import dev.orrery.gateway.stub.StubFrontends;
import dev.orrery.gateway.stub.StubProfile;
import dev.orrery.gateway.stub.StubbedGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(StubProfile.class)
class ProxyTest extends StubbedGateway {

    private LoggedIn alice;

    @BeforeEach
    void setUp() throws Exception {
        alice = resetAndLogIn("alice");
        StubFrontends.todo().answer("/fragments/list", Answer.ok("<form method=\"post\" action=\"/api/todos\"></form>"));
        StubFrontends.todo().answer("/api/todos", new Answer(201, "{\"id\":1}", 0, Map.of("Set-Cookie", "x=1",
                "Content-Type", "application/json")));
        StubFrontends.todo().answer("/api/todos/7", Answer.ok("{\"id\":7}"));
    }

    @Test
    void aDeclaredRouteIsForwardedWithTheTokenAndWithoutCookies() throws Exception {
        HttpResponse<String> response = alice.get("/api/todos/7?x=1");

        assertEquals(200, response.statusCode());
        assertEquals("{\"id\":7}", response.body());
        var seen = StubFrontends.todo().seen("/api/todos/7").get(0).headers();
        assertFalse(seen.contains("Cookie"));
        assertTrue(seen.get("Authorization").startsWith("Bearer ey"));
    }

    @Test
    void aStateChangingRequestNeedsTheSessionsCsrfToken() throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(alice.site + "/api/todos"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}"));
        assertEquals(403, alice.send(post).statusCode());
        assertEquals(403, alice.send(post.copy().header("X-Orrery-CSRF", "forged")).statusCode());

        String token = csrfTokenOfThePage();
        HttpResponse<String> created = alice.send(post.copy().header("X-Orrery-CSRF", token));

        assertEquals(201, created.statusCode());
        assertTrue(created.headers().firstValue("Set-Cookie").isEmpty(), "front-ends set no cookies on our origin");
        HttpResponse<String> crossSite = alice.send(post.copy().header("X-Orrery-CSRF", token)
                .header("Origin", "https://evil.example"));
        assertEquals(403, crossSite.statusCode());
    }

    @Test
    void aPlainFormPostFromAFragmentWorksThroughItsHiddenTokenField() throws Exception {
        String page = alice.get("/").body();
        Matcher field = Pattern.compile("<form method=\"post\" action=\"/api/todos\"><input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\">")
                .matcher(page);
        assertTrue(field.find(), page);

        HttpResponse<String> posted = alice.send(HttpRequest.newBuilder(URI.create(alice.site + "/api/todos"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("title=milk&_csrf=" + field.group(1))));

        assertEquals(201, posted.statusCode());
        assertEquals("title=milk&_csrf=" + field.group(1), StubFrontends.todo().seen("/api/todos").get(0).body());
    }

    @Test
    void aMultipartFormPostPassesWithItsHiddenTokenFieldAndArrivesUnchanged() throws Exception {
        String token = csrfTokenOfThePage();
        byte[] body = multipart(token);

        HttpResponse<String> posted = alice.send(multipartPost(body));

        assertEquals(201, posted.statusCode());
        assertArrayEquals(body, StubFrontends.todo().seen("/api/todos").get(0).raw());
    }

    @Test
    void aMultipartFormPostWithAWrongOrNoTokenIsRefused() throws Exception {
        assertEquals(403, alice.send(multipartPost(multipart("forged"))).statusCode());
        assertEquals(403, alice.send(multipartPost(multipart(null))).statusCode());
        assertTrue(StubFrontends.todo().seen("/api/todos").isEmpty());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutBeingForwardedEvenWhenChunked() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create(alice.site + "/api/todos"))
                .header("Content-Type", "application/octet-stream").header("X-Orrery-CSRF", csrfTokenOfThePage())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));

        assertEquals(413, alice.send(chunked).statusCode());
        assertTrue(StubFrontends.todo().seen("/api/todos").isEmpty());
    }

    @Test
    void aFormWithAMalformedPercentEscapeGets400AtOnceAndIsNotForwarded() throws Exception {
        String token = csrfTokenOfThePage();
        HttpRequest.Builder form = HttpRequest.newBuilder(URI.create(alice.site + "/api/todos"))
                .timeout(java.time.Duration.ofSeconds(5)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("text=%zz&_csrf=" + token));

        HttpResponse<String> refused = alice.send(form);

        assertEquals(400, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(refused.body().contains("malformed form body"), refused.body());
        assertTrue(StubFrontends.todo().seen("/api/todos").isEmpty());
    }

    @Test
    void aRouteBelowAPageIsForwardedButThePageItselfNeverIs() throws Exception {
        StubFrontends.profile().answer("/profile/assets/profile-page.js", Answer.ok("export const page = 1;"));
        StubFrontends.profile().answer("/profile", Answer.ok("front-end shadowing the page"));
        StubFrontends.profile().manifest(StubFrontends.PROFILE_MANIFEST.formatted("1")
                .replace("\"prefix\":\"/profile/assets\"", "\"prefix\":\"/profile\""));
        registry.refreshAll().await().indefinitely();

        HttpResponse<String> script = alice.get("/profile/assets/profile-page.js");
        HttpResponse<String> page = alice.get("/profile");

        assertEquals(200, script.statusCode());
        assertEquals("export const page = 1;", script.body());
        assertTrue(page.body().contains("<meta name=\"orrery-csrf\""), "the composed page: " + page.body());
        assertTrue(StubFrontends.profile().seen("/profile").isEmpty());
    }

    @Test
    void theFaviconIsARealIcon() throws Exception {
        HttpResponse<byte[]> icon = alice.http.send(HttpRequest.newBuilder(URI.create(alice.site + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, icon.statusCode());
        assertTrue(icon.headers().firstValue("Content-Type").orElseThrow().startsWith("image/"));
        assertArrayEquals(new byte[] { 0, 0, 1, 0 }, java.util.Arrays.copyOf(icon.body(), 4), "ICO header");
    }

    private HttpRequest.Builder multipartPost(byte[] body) {
        return HttpRequest.newBuilder(URI.create(alice.site + "/api/todos"))
                .header("Content-Type", "multipart/form-data; boundary=----orrery7MA4YWxk")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** A browser-like multipart body: the hidden field first (where the gateway puts it), then a binary file. */
    private static byte[] multipart(String token) {
        var out = new java.io.ByteArrayOutputStream();
        String head = token == null ? "" : "------orrery7MA4YWxk\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + token + "\r\n";
        out.writeBytes((head + "------orrery7MA4YWxk\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 3000; i++) {
            out.write((i * 31) & 0xFF);
        }
        out.writeBytes("\r\n------orrery7MA4YWxk--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/todos/../../admin/frontends", "/api/todos/%2e%2e/%2e%2e/q/health",
            "/api/todos/%2E%2E/secret", "/api/todos%2f..%2fsecret", "/api/todos/..%5csecret", "/api/todos\\..\\secret",
            "//api/todos", "/api//todos", "http://evil.example/api/todos", "/api/todosx", "/api/other",
            "/.well-known/orrery/manifest.json", "/fragments/list", "/api/todos/%252e%252e/x" })
    void traversalAbsoluteUrlsAndUndeclaredRoutesAreRefused(String target) throws Exception {
        String response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nCookie: " + sessionCookies()
                + "\r\nConnection: close\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 404") || response.startsWith("HTTP/1.1 400"), target + " -> " + response);
        assertTrue(StubFrontends.todo().seen("/secret").isEmpty());
    }

    @Test
    void hostHeaderTricksAreRefused() throws Exception {
        for (String host : new String[] { "evil.example@localhost", "localhost/evil", "localhost\\evil" }) {
            String response = raw("GET /api/todos/7 HTTP/1.1\r\nHost: " + host + "\r\nCookie: " + sessionCookies()
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 404") || response.startsWith("HTTP/1.1 400"), host + " -> " + response);
        }
    }

    @Test
    void sharedStyleAssetsAreServedByTheGatewayItself() throws Exception {
        String page = alice.get("/").body();
        Matcher css = Pattern.compile("href=\"(/orrery/style/base\\.[0-9a-f]+\\.css)\"").matcher(page);
        assertTrue(css.find());
        assertEquals(200, alice.get(css.group(1)).statusCode());
    }

    private String csrfTokenOfThePage() throws Exception {
        Matcher meta = Pattern.compile("<meta name=\"orrery-csrf\" content=\"([^\"]+)\">").matcher(alice.get("/").body());
        assertTrue(meta.find());
        return meta.group(1);
    }

    private String sessionCookies() {
        return alice.sessionCookies();
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
