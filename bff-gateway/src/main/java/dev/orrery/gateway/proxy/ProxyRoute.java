package dev.orrery.gateway.proxy;

import java.net.URI;

/** A declared route that matched a request: which front-end, and the upstream URL for it. */
record ProxyRoute(String frontend, URI base, String kind) {

    String upstream(String pathAndQuery) {
        return base.getScheme() + "://" + base.getRawAuthority() + pathAndQuery;
    }
}
