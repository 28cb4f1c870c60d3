package dev.orrery.gateway.auth;

import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/** The logged-in user of a request, as the OIDC session established it: id, access token, Keycloak session. */
public record Visitor(String userId, String accessToken, String sessionId) {

    public static Optional<Visitor> of(RoutingContext ctx) {
        if (!(ctx.user() instanceof QuarkusHttpUser user)) {
            return Optional.empty();
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (identity.isAnonymous() || token == null) {
            return Optional.empty();
        }
        String sessionId = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("sid") != null
                ? jwt.getClaim("sid").toString()
                : "";
        return Optional.of(new Visitor(identity.getPrincipal().getName(), token.getToken(), sessionId));
    }
}
