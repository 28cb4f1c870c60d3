package dev.orrery.todo.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "todo")
public interface TodoConfig {

    /** This build's version, shown in the manifest and on every fragment. */
    @WithDefault("${quarkus.application.version:dev}")
    String version();

    /** Longest todo text accepted, in characters. */
    @WithDefault("2000")
    int maxTextLength();
}
