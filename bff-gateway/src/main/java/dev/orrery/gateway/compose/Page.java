package dev.orrery.gateway.compose;

import java.util.Arrays;
import java.util.Optional;

/** The composed pages: a path and the layout template that names its slots. */
public enum Page {
    HOME("/", "home"),
    PROFILE("/profile", "profile"),
    /** Three slots of the front-end named {@code bench}; served only in the {@code %bench} profile (bench/compose). */
    BENCH("/bench", "bench"),
    /**
     * The same three slots for a logged-in user, through the whole security chain (OIDC session cookie, token relay,
     * CSRF token): what a real page costs. Served only in the {@code %bench} profile.
     */
    BENCH_SIGNED_IN("/bench/signed-in", "bench");

    private final String path;
    private final String template;

    Page(String path, String template) {
        this.path = path;
        this.template = template;
    }

    public String path() {
        return path;
    }

    String template() {
        return template;
    }

    /** Exists only for bench/compose ({@code gateway.anonymous-pages}, profile {@code %bench}). */
    boolean benchOnly() {
        return this == BENCH || this == BENCH_SIGNED_IN;
    }

    public static Optional<Page> at(String path) {
        return Arrays.stream(values()).filter(p -> p.path.equals(path)).findFirst();
    }
}
