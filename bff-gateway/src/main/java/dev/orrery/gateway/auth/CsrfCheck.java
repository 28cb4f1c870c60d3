package dev.orrery.gateway.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.orrery.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.URIDecoder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * CSRF rules for what the gateway proxies. A state-changing request (POST, PUT, PATCH, DELETE) must carry the
 * session's token in the {@value CsrfTokens#HEADER} header or, for a plain HTML form post, in the
 * {@value CsrfTokens#FIELD} field (urlencoded or multipart). Any request with an {@code Origin} header from another
 * origin is refused as well; for WebSocket upgrades (which cannot carry custom headers from a browser) the Origin must
 * be present and ours. "Ours" is {@code gateway.origins} when set, else the request's own scheme and {@code Host}.
 */
@ApplicationScoped
public class CsrfCheck {

    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    /** A form body that cannot be decoded (e.g. {@code text=%zz}): the request gets 400, never the front-end. */
    public static final class MalformedForm extends IllegalArgumentException {
        MalformedForm(String message) {
            super(message, null);
        }
    }

    private final CsrfTokens tokens;
    private final Optional<Set<String>> origins;

    CsrfCheck(CsrfTokens tokens, GatewayConfig config) {
        this.tokens = tokens;
        this.origins = config.origins().map(list -> list.stream().map(CsrfCheck::normalized).collect(Collectors.toSet()));
    }

    public boolean needsToken(HttpServerRequest request) {
        return STATE_CHANGING.contains(request.method());
    }

    public boolean isSameOriginOrAbsent(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        return origin == null || sameOrigin(request, origin);
    }

    public boolean isSameOrigin(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        return origin != null && sameOrigin(request, origin);
    }

    /** One of {@code gateway.origins}, or when that is unset the request's own scheme and Host. */
    private boolean sameOrigin(HttpServerRequest request, String origin) {
        if (origins.isPresent()) {
            return origins.get().contains(normalized(origin));
        }
        String host = request.getHeader("Host");
        return host != null && origin.equalsIgnoreCase(request.scheme() + "://" + host);
    }

    private static String normalized(String origin) {
        String lower = origin.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * @param body the buffered (size-limited) request body, read only when it is an HTML form post
     * @throws MalformedForm when the token is not in the header and the form body cannot be decoded
     */
    public boolean hasValidToken(HttpServerRequest request, Visitor visitor, Buffer body) {
        String expected = tokens.tokenFor(visitor.userId(), visitor.sessionId());
        if (tokens.matches(expected, request.getHeader(CsrfTokens.HEADER))) {
            return true;
        }
        String type = request.getHeader("Content-Type");
        if (body == null || type == null) {
            return false;
        }
        if (type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return tokens.matches(expected, formField(body.toString(), CsrfTokens.FIELD));
        }
        return MultipartFields.isMultipart(type)
                && tokens.matches(expected, MultipartFields.field(body, type, CsrfTokens.FIELD).orElse(null));
    }

    private static String formField(String form, String name) {
        MultiMap fields = MultiMap.caseInsensitiveMultiMap();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.add(URIDecoder.decodeURIComponent(pair.substring(0, eq), true),
                            URIDecoder.decodeURIComponent(pair.substring(eq + 1), true));
                } catch (IllegalArgumentException e) {
                    throw new MalformedForm("malformed form body: a field is not valid percent-encoding");
                }
            }
        }
        return fields.get(name);
    }
}
