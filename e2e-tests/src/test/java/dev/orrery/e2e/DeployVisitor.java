package dev.orrery.e2e;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in visitor of a gateway, as plain HTTP: it logs in through Keycloak's real login form (authorization-code
 * flow, session cookie), then reads pages, posts and puts through the gateway's proxy with the page's CSRF token and
 * opens WebSockets with its cookies. Used by the deploy tests, which need many requests per second, not a browser.
 */
final class DeployVisitor {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("<meta name=\"orrery-csrf\" content=\"([^\"]+)\"");

    final String site;
    final HttpClient http;
    private String csrf;

    private DeployVisitor(String site) {
        this.site = site;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new LocalhostCookies())
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static DeployVisitor logIn(String site, String user) throws IOException, InterruptedException {
        DeployVisitor visitor = new DeployVisitor(site);
        HttpResponse<String> form = visitor.http.send(HttpRequest.newBuilder(URI.create(site + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = FORM_ACTION.matcher(form.body());
        if (!action.find()) {
            throw new IllegalStateException("no Keycloak login form at " + form.uri() + " (HTTP " + form.statusCode() + ")");
        }
        String body = "username=" + enc(user) + "&password=" + enc(user + "-orrery") + "&credentialId=";
        HttpResponse<String> page = visitor.http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(page.body());
        // signed in by now; a cold platform may still answer the first composed page late (504): ask again
        for (int retry = 0; retry < 5 && (page.statusCode() != 200 || !token.find()); retry++) {
            Thread.sleep(1000);
            page = visitor.get("/");
            token = CSRF.matcher(page.body());
        }
        if (page.statusCode() != 200 || !token.find(0)) {
            throw new IllegalStateException("login of " + user + " did not end on the composed page: HTTP "
                    + page.statusCode() + " at " + page.uri());
        }
        visitor.csrf = token.group(1);
        return visitor;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(site + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return sendJson("POST", path, json);
    }

    HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return sendJson("PUT", path, json);
    }

    /** A state-changing call through the gateway's proxy, as the page's scripts make it (same Origin, CSRF header). */
    private HttpResponse<String> sendJson(String method, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(site + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Origin", site)
                .header("X-Orrery-CSRF", csrf)
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Keycloak marks its login cookies {@code Secure}; browsers send those to http://localhost (a secure context),
     * Java's cookie store does not, so the attribute is dropped before storing.
     */
    private static final class LocalhostCookies extends CookieHandler {

        private final CookieManager store = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return store.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            Map<String, List<String>> relaxed = new HashMap<>();
            headers.forEach((name, values) -> relaxed.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure(?=;|$)", "")).toList()
                    : values));
            store.put(uri, relaxed);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
