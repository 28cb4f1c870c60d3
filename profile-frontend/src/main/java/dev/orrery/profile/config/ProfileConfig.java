package dev.orrery.profile.config;

import java.time.Duration;
import java.util.List;

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

    /** The broker connection of the outbox relay (docs/profile-frontend.md, "Broker"). */
    Broker broker();

    interface Broker {
        /** host:port of every RabbitMQ node or of both HAProxy instances (docs/ha.md: two connection modes). */
        @WithDefault("${rabbitmq-addresses}")
        List<String> addresses();

        @WithDefault("${rabbitmq-username}")
        String username();

        @WithDefault("${rabbitmq-password}")
        String password();

        /** Topic exchange ProfileUpdated goes to; tests and e2e runs set their own (docs/events.md). */
        @WithDefault("${mp.messaging.outgoing.profile-events.exchange.name:orrery.profile}")
        String exchange();

        /** TCP connect and AMQP handshake budget of a (re)connect and of a health probe. */
        @WithDefault("PT3S")
        Duration connectTimeout();

        /**
         * Only nacks for longer than this (no confirm at all): the connection is reopened and readiness is DOWN until
         * a publish is confirmed again (RabbitMQ 3.10.8's nack-forever channel, docs/ha.md).
         */
        @WithDefault("PT10S")
        Duration nacksOnlyLimit();

        /**
         * The least time between losing the relay's connection and opening the next: RabbitMQ 3.10.8 can hand a
         * client that reconnects within a second of a queue leader's death a channel that nacks every publish
         * (infra-notes; seen in FaultServicesIT as ~10 s of nacks after a leader kill through HAProxy).
         */
        @WithDefault("PT1S")
        Duration minReconnectDelay();

        /** How long a health probe of the addresses is reused, so readiness polls do not open connections each time. */
        @WithDefault("PT2S")
        Duration probeCacheFor();
    }

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

        /**
         * Kept short: during a broker failover the nacks stop once the quorum queue has a new leader (1–5 s), and a
         * long wait here would add to every user's delay (a 4 s step made profile events stall 9 s in FaultServicesIT).
         * One row retried every 2 s against a dead broker costs nothing.
         */
        @WithDefault("PT2S")
        Duration maxBackoff();

        /**
         * How long one relay round may hold its claim on the rows it publishes (one transaction): it takes no further
         * rows after half of it, and an instance that stops answering mid-round loses its claim after this much idle
         * time in PostgreSQL. Must exceed {@link #confirmTimeout()} plus a broker reconnect (docs/events.md).
         */
        @WithDefault("PT60S")
        Duration claimTimeout();

        /** Events per relay round. */
        @WithDefault("50")
        int batchSize();

        /** A pending event older than this makes the readiness data say "degraded" (still UP). */
        @WithDefault("PT30S")
        Duration degradedAfter();

        /** Sent rows older than this are deleted (the broker and the consumers have them; the table stays small). */
        @WithDefault("P7D")
        Duration retention();

        /** How often sent rows past {@link #retention()} are deleted. */
        @WithDefault("PT1H")
        Duration cleanupInterval();
    }
}
