package dev.orrery.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The front-ends by name (the prefix of a layout slot, e.g. {@code todo} in {@code todo:list}). */
    Map<String, Frontend> frontends();

    /** How often every manifest is fetched again. */
    @WithDefault("5s")
    Duration manifestRefresh();

    Compose compose();

    StyleGuides styleGuides();

    Proxy proxy();

    Csrf csrf();

    /**
     * The site's own origins as browsers see them ({@code https://orrery.example.com}); a WebSocket upgrade or a
     * request with an {@code Origin} header from any other origin is refused. Unset: the origin of each request itself
     * (its scheme and {@code Host} header), which is only right where browsers reach the gateway directly: any client
     * can send any {@code Host}, and behind a TLS-terminating ingress the scheme is not the browser's.
     */
    java.util.Optional<java.util.List<String>> origins();

    /**
     * Serve composed pages to visitors who are not logged in, with no token and user {@code anonymous}. Only the
     * {@code %bench} profile turns it on, for the composition benchmark; never in production.
     */
    @WithDefault("false")
    boolean anonymousPages();

    interface Frontend {
        /** Base URL; the manifest is read from it, and fragments and proxied routes are resolved against it. */
        URI url();
    }

    interface Compose {
        /**
         * How long an optional fragment that missed its budget may still arrive and be streamed out of order at the
         * end of the body; after that its placeholder (fallback, last good copy or a reload link) stays.
         */
        @WithDefault("10s")
        Duration lateLimit();

        /** A fragment body larger than this is treated as a failure. */
        @WithDefault("2097152")
        int maxFragmentBytes();
    }

    interface Proxy {
        /**
         * The largest body of a proxied state-changing request; it is read (to find a form's CSRF field) and
         * refused with 413 past this. 2 MiB: the profile front-end's own limit, so a 1 MB avatar with its multipart
         * framing gets the front-end's answer rather than the gateway's.
         */
        @WithDefault("2097152")
        int maxBodyBytes();

        WriteRate writeRate();

        /**
         * How long the browser side of a proxied WebSocket may stay unable to take more (its write queue full, the
         * upstream socket paused meanwhile) before the gateway closes it with 1013 and the upstream socket with it.
         */
        @WithDefault("30s")
        Duration webSocketStallLimit();
    }

    /**
     * Per-user token bucket for proxied state-changing requests (POST, PUT, PATCH, DELETE): {@code burst} at once,
     * refilled at {@code per-second}; past it 429 with {@code Retry-After}. Per gateway instance.
     */
    interface WriteRate {
        @WithDefault("20")
        int perSecond();

        @WithDefault("60")
        int burst();
    }

    interface Csrf {
        /**
         * The HMAC key of CSRF tokens. Every instance behind one load balancer needs the same key, or a page served by
         * one instance has a token the next refuses: required in production (the gateway does not start without it),
         * generated per instance in dev and test.
         */
        java.util.Optional<String> key();
    }

    interface StyleGuides {
        /** The front-end (by name) whose API knows each user's chosen style guide. */
        @WithDefault("profile")
        String frontend();

        /** Its path that answers the signed-in user's profile as JSON with {@code styleGuide} and {@code version}. */
        @WithDefault("/api/profile")
        String path();

        /** A page waits at most this long for the lookup of a user the gateway has no copy of, then uses the default. */
        @WithDefault("1s")
        Duration lookupTimeout();

        /** After a failed lookup the default is used for this long, then the lookup is tried again. */
        @WithDefault("30s")
        Duration retryAfter();
    }
}
