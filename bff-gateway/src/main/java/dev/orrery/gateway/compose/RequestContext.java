package dev.orrery.gateway.compose;

import java.util.Map;

import dev.orrery.contracts.fragment.ContextHeaders;

/**
 * What the gateway passes to a front-end for one request: the user's access token (null for the anonymous bench
 * mode) and the allow-listed context headers, nothing else.
 */
public record RequestContext(String userId, String accessToken, String styleGuide, Map<String, String> headers) {

    public RequestContext {
        headers.keySet().forEach(name -> {
            if (!ContextHeaders.FORWARDED.contains(name)) {
                throw new IllegalArgumentException("header not on the allow-list: " + name);
            }
        });
        headers = Map.copyOf(headers);
    }
}
