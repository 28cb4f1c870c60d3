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

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Session-bound CSRF tokens: HMAC-SHA256 of the login session (user id and Keycloak session id) under a gateway key,
 * so nothing is stored and a token is useless for another session. Pages carry it in
 * {@code <meta name="orrery-csrf">} (scripts send it as {@value #HEADER}) and in a hidden {@value #FIELD} input that
 * the gateway adds to every POST form of a fragment.
 */
@ApplicationScoped
public class CsrfTokens {

    public static final String HEADER = "X-Orrery-CSRF";
    public static final String FIELD = "_csrf";
    private static final Pattern POST_FORM = Pattern.compile(
            "<form\\b[^>]*\\bmethod\\s*=\\s*[\"']?post\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private final byte[] key;

    CsrfTokens(@ConfigProperty(name = "gateway.csrf.key") Optional<String> configuredKey) {
        this.key = configuredKey.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(CsrfTokens::randomKey);
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
