package dev.orrery.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.orrery.gateway.config.GatewayConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Session-bound CSRF tokens: HMAC-SHA256 of the login session (user id and Keycloak session id) under a gateway key,
 * so nothing is stored and a token is useless for another session. Pages carry it in
 * {@code <meta name="orrery-csrf">} (scripts send it as {@value #HEADER}) and in a hidden {@value #FIELD} input that
 * the gateway adds to every POST form of a fragment. The key ({@code gateway.csrf.key}) must be the same on every
 * instance; it is required in production and generated per instance in dev and test.
 */
@Startup // a missing key in production stops the start, not the first page
@Singleton
public class CsrfTokens {

    public static final String HEADER = "X-Orrery-CSRF";
    public static final String FIELD = "_csrf";
    private static final Pattern POST_FORM = Pattern.compile(
            "<form\\b[^>]*\\bmethod\\s*=\\s*[\"']?post\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    static final int MIN_KEY_LENGTH = 32;

    private final byte[] key;

    @Inject
    CsrfTokens(GatewayConfig config) {
        this(config.csrf().key(), LaunchMode.current());
    }

    CsrfTokens(Optional<String> configuredKey, LaunchMode mode) {
        this.key = configuredKey.map(CsrfTokens::checked).orElseGet(() -> {
            if (mode == LaunchMode.NORMAL) {
                throw new IllegalStateException("gateway.csrf.key is required in production: set it (or the "
                        + "environment variable GATEWAY_CSRF_KEY) to the same random value of at least "
                        + MIN_KEY_LENGTH + " characters on every gateway instance, e.g. `openssl rand -base64 32`. "
                        + "Instances with different keys refuse each other's CSRF tokens.");
            }
            return randomKey();
        });
    }

    private static byte[] checked(String key) {
        if (key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("gateway.csrf.key is too short: at least " + MIN_KEY_LENGTH + " characters");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    public String tokenFor(String userId, String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((userId + "\n" + sessionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean matches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** Adds the hidden token field to every POST form; the token is base64url, so it needs no escaping. */
    public String protectForms(String html, String token) {
        if (token == null || html.indexOf("<form") < 0 && html.indexOf("<FORM") < 0) {
            return html;
        }
        Matcher m = POST_FORM.matcher(html);
        return m.replaceAll(r -> Matcher.quoteReplacement(
                r.group() + "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + token + "\">"));
    }
}
