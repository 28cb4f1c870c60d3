package dev.orrery.gateway.compose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import dev.orrery.contracts.fragment.ContextHeaders;

/** The allow-listed context headers for one request to a front-end, each value built by the gateway itself. */
public final class ContextHeaderValues {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,3}");

    private ContextHeaderValues() {
    }

    /** @param userId null for the anonymous bench mode */
    public static Map<String, String> of(String userId, String styleGuide, String acceptLanguage) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (userId != null) {
            headers.put(ContextHeaders.USER_ID, userId);
        }
        headers.put(ContextHeaders.STYLE_GUIDE, styleGuide);
        headers.put(ContextHeaders.LOCALE, locale(acceptLanguage));
        headers.put(ContextHeaders.REQUEST_ID, requestId());
        return headers;
    }

    /**
     * A random (version 4 format) id. Not {@code UUID.randomUUID()}: its SecureRandom is synchronized and showed up
     * in the gateway's profile under load; a request id needs uniqueness, not unpredictability.
     */
    static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }

    /** The first tag of Accept-Language when it is a well-formed language tag, else {@code en}. */
    static String locale(String acceptLanguage) {
        if (acceptLanguage == null) {
            return "en";
        }
        String first = acceptLanguage.split(",", 2)[0].split(";", 2)[0].trim();
        return LANGUAGE_TAG.matcher(first).matches() ? first : "en";
    }
}
