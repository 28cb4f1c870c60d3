package dev.orrery.gateway.compose;

import java.util.Arrays;
import java.util.Optional;

/** The composed pages: a path and the layout template that names its slots. */
public enum Page {
    HOME("/", "home"),
    PROFILE("/profile", "profile"),
    /** Three slots of the front-end named {@code bench}; served only in the {@code %bench} profile (bench/compose). */
    BENCH("/bench", "bench");

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

    public static Optional<Page> at(String path) {
        return Arrays.stream(values()).filter(p -> p.path.equals(path)).findFirst();
    }
}
