package dev.orrery.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real browser-like session: drives the OIDC code flow through Keycloak's login form (no forged tokens) and keeps
 * the cookies, so later requests carry the gateway's session cookie. The cookie jar is a plain map because
 * Keycloak marks its cookies Secure, which browsers honour on http://localhost but java.net's CookieManager does not.
 */
public final class LoggedIn {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    public final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    public final String site;
    private final Map<String, String> jar = new ConcurrentHashMap<>();
    /** Every Set-Cookie header received, attributes included. */
    public final java.util.List<String> setCookies = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LoggedIn(String site) {
        this.site = site;
    }

    public static LoggedIn as(String site, String user) throws IOException, InterruptedException {
        LoggedIn session = new LoggedIn(site);
        HttpResponse<String> page = session.follow(HttpRequest.newBuilder(URI.create(site + "/profile")));
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no Keycloak login form: " + page.statusCode() + " " + page.uri());
        }
        String form = "username=" + user + "&password=" + URLEncoder.encode(user + "-orrery", StandardCharsets.UTF_8)
                + "&credentialId=";
        HttpResponse<String> landed = session.follow(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (!landed.uri().toString().startsWith(site) || session.sessionCookies().isEmpty()) {
            throw new IllegalStateException("login of " + user + " did not land on the site: " + landed.uri());
        }
        return session;
    }

    /** Sends the request with the jar's cookies and follows redirects by hand, keeping cookies set on each hop. */
    public HttpResponse<String> follow(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = send(HttpRequest.newBuilder(next));
        }
        return response;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!jar.isEmpty()) {
            request.setHeader("Cookie", cookieHeader(name -> true));
        }
        HttpResponse<String> response = http.send(request.timeout(java.time.Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            setCookies.add(setCookie);
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return response;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(site + path)));
    }

    /** The gateway's session cookie(s) as a Cookie header value. */
    public String sessionCookies() {
        return cookieHeader(name -> name.startsWith("q_session"));
    }

    private String cookieHeader(java.util.function.Predicate<String> names) {
        return jar.entrySet().stream().filter(e -> names.test(e.getKey())).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
