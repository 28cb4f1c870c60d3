package dev.orrery.todo.config;

import java.time.Duration;
import java.util.List;

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

    /**
     * Names this instance's queue of changes ({@code todo.changes.<id>}); a fresh UUID per start unless set, so two
     * instances never share a queue.
     */
    String instanceId();

    /** The RabbitMQ cluster as the broker health check sees it. */
    Broker broker();

    interface Broker {

        /**
         * The cluster's nodes (AMQP host:port), probed by the readiness check: all reachable UP, a majority UP with
         * {@code DEGRADED}, fewer DOWN. The same nodes stand behind the HAProxy pair, so this holds in both connection
         * modes (docs/ha.md).
         */
        @WithDefault("127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683")
        List<String> nodes();

        /** How long one node's TCP connect may take before it counts as unreachable. */
        @WithDefault("500ms")
        Duration probeTimeout();

        /**
         * How long publishes of changes may be only nacked before the connection is reopened (RabbitMQ 3.10.8 can
         * hand out a channel that nacks every publish for good after a queue leader's death; docs/ha.md).
         */
        @WithDefault("10s")
        Duration nacksOnlyLimit();
    }

    /** Live updates over the WebSocket. */
    Live live();

    interface Live {

        /**
         * How many of a user's latest changes are kept for replay. A client that reconnects with an older sequence
         * number gets a {@code reset} frame (the whole list, freshly rendered) instead.
         */
        @WithDefault("500")
        int retainedChanges();

        /**
         * How long a socket opened without {@code ?since=} waits for the client's first message
         * {@code {"type":"resume","since":N}} before it goes live from the moment it opened.
         */
        @WithDefault("1s")
        Duration resumeWait();

        /**
         * A socket is closed with 4401 "token expired" this long before the access token it was opened with expires,
         * so the client reconnects (through the gateway, with a fresh token) before the old one is refused.
         */
        @WithDefault("0s")
        Duration tokenExpirySkew();
    }
}
