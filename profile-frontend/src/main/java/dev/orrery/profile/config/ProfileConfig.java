package dev.orrery.profile.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "profile")
public interface ProfileConfig {

    /** This build's version, shown in the manifest and on every fragment. */
    @WithDefault("${quarkus.application.version:dev}")
    String version();
}
