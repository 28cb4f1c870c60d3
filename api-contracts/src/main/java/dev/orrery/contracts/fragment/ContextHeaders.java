package dev.orrery.contracts.fragment;

import java.util.List;

/**
 * The only request headers the gateway passes to a front-end (besides {@code Authorization: Bearer} with the user's
 * access token). Cookies and every other incoming header stay at the gateway.
 */
public final class ContextHeaders {

    public static final String USER_ID = "X-Orrery-User";
    public static final String STYLE_GUIDE = "X-Orrery-Style-Guide";
    public static final String LOCALE = "X-Orrery-Locale";
    public static final String REQUEST_ID = "X-Orrery-Request-Id";
    /** Response header: the front-end's version, on every fragment. */
    public static final String FRONTEND_VERSION = "X-Orrery-Version";

    public static final List<String> FORWARDED = List.of(USER_ID, STYLE_GUIDE, LOCALE, REQUEST_ID);

    private ContextHeaders() {
    }
}
