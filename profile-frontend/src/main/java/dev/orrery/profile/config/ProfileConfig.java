package dev.orrery.profile.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "profile")
public interface ProfileConfig {

    /** This build's version, shown in the manifest and on every fragment. */
    @WithDefault("${quarkus.application.version:dev}")
    String version();

    /** Where the gateway shows the profile page fragment; the no-JS form redirects there after a post. */
    @WithDefault("/profile")
    String pagePath();

    /** Limits for uploaded avatars. */
    Avatar avatar();

    /** How the outbox is relayed to the broker. */
    Outbox outbox();

    /** What this instance publishes. */
    Events events();

    interface Events {
        /**
         * The ProfileUpdated schema version to emit: the current one by default; the previous one while readers of
         * the previous release may still run (producer deployed first, docs/events.md).
         */
        @WithDefault("2")
        int schema();
    }

    interface Avatar {
        /** Largest accepted upload in bytes. */
        @WithDefault("1048576")
        int maxBytes();

        /** Largest accepted width and height in pixels. */
        @WithDefault("1024")
        int maxPixels();

        /** Cache-Control max-age of avatar responses; URLs carry the profile version, so changes bust it. */
        @WithDefault("PT5M")
        Duration maxAge();
    }

    interface Outbox {
        /** How often pending events are looked for, besides right after each commit. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** How long to wait for the broker's confirm before counting a try as failed. */
        @WithDefault("PT10S")
        Duration confirmTimeout();

        /** First retry delay; doubles per failed try up to {@link #maxBackoff()}. */
        @WithDefault("PT0.5S")
        Duration initialBackoff();

        @WithDefault("PT30S")
        Duration maxBackoff();

        /** Events per relay round. */
        @WithDefault("50")
        int batchSize();

        /** A pending event older than this makes the readiness data say "degraded" (still UP). */
        @WithDefault("PT30S")
        Duration degradedAfter();
    }
}
