package dev.orrery.gateway.auth;

import java.util.Set;

import dev.orrery.contracts.error.ApiError;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The answer to a script whose session is missing or expired (its refresh failed). The OIDC mechanism would redirect
 * it to Keycloak's login form, which a script cannot follow; instead a script request ({@link ScriptRequests}) gets
 * 401 with an {@link ApiError} body, and a WebSocket upgrade is accepted and closed at once with
 * {@value #SIGNED_OUT} "signed out" (a browser's script never sees the status of a refused upgrade, only 1006).
 * Page navigations keep the redirect. This mechanism authenticates nobody (the OIDC one does); it is only asked
 * first for the challenge, and declines it for everything but scripts.
 */
@ApplicationScoped
public class SignedOutAnswers implements HttpAuthenticationMechanism {

    /** WebSocket close code: the visitor is signed out (4000 + HTTP 440, "login time-out"); reconnecting won't help. */
    public static final short SIGNED_OUT = 4440;
    static final String MESSAGE = "signed out: sign in again";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext ctx) {
        if (!ScriptRequests.isScript(ctx.request())) {
            return Uni.createFrom().item(false);
        }
        if (ScriptRequests.isUpgrade(ctx.request())) {
            // Completes once the 101 is written, so Quarkus finds the response ended and adds nothing.
            return Uni.createFrom().completionStage(ctx.request().toWebSocket()
                    .compose(socket -> socket.close(SIGNED_OUT, "signed out"))
                    .map(true).otherwise(true).toCompletionStage());
        }
        ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                .putHeader("WWW-Authenticate", "OIDC").putHeader("Cache-Control", "no-store")
                .end(Json.encode(ApiError.of(401, MESSAGE)));
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return ScriptRequests.isScript(context.request())
                ? Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "OIDC"))
                : Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    /** Above the OIDC mechanism ({@code quarkus.oidc.priority}, default 1001), so it is asked for the challenge first. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
