package dev.orrery.gateway.config;

import java.net.URI;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The front-ends by name (the prefix of a layout slot, e.g. {@code todo} in {@code todo:list}). */
    Map<String, Frontend> frontends();

    interface Frontend {
        /** Base URL; the manifest is read from it, and fragments and proxied routes are resolved against it. */
        URI url();
    }
}
