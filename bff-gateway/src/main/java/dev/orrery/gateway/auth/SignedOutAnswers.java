package dev.orrery.gateway.auth;

import java.util.Set;

import dev.orrery.contracts.error.ApiError;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The answer to a script ({@link ScriptRequests}) whose session is missing, or expired with a refresh that failed. The
 * OIDC mechanism would redirect it to Keycloak's login form, which a script cannot follow; instead it gets 401 with
 * an {@link ApiError} body, and a WebSocket upgrade is accepted and closed at once with {@value #SIGNED_OUT} "signed
 * out" (a browser's script never sees the status of a refused upgrade, only 1006); an upgrade from another origin gets
 * 403 instead, as it would signed in. Page navigations keep the redirect.
 *
 * <p>Asked before the OIDC mechanism (higher priority). A missing session reaches {@link #sendChallenge}. A failed
 * refresh is an authentication failure whose challenge the OIDC mechanism keeps for itself, so for scripts this
 * mechanism runs the OIDC authentication itself and answers when it fails; the failure handler then finds the
 * response ended. Everything else is left to the OIDC mechanism.
 */
@ApplicationScoped
public class SignedOutAnswers implements HttpAuthenticationMechanism {

    /** WebSocket close code: the visitor is signed out (4000 + HTTP 440, "login time-out"); reconnecting won't help. */
    public static final short SIGNED_OUT = 4440;
    static final String MESSAGE = "signed out: sign in again";

    private final OidcAuthenticationMechanism oidc;
    private final CsrfCheck csrf;

    SignedOutAnswers(OidcAuthenticationMechanism oidc, CsrfCheck csrf) {
        this.oidc = oidc;
        this.csrf = csrf;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx, IdentityProviderManager identityProviderManager) {
        if (!ScriptRequests.isScript(ctx.request())) {
            return Uni.createFrom().nullItem();
        }
        return oidc.authenticate(ctx, identityProviderManager)
                .onFailure(AuthenticationFailedException.class).call(() -> answer(ctx));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext ctx) {
        return ScriptRequests.isScript(ctx.request()) ? answer(ctx).replaceWith(true) : Uni.createFrom().item(false);
    }

    private Uni<Void> answer(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return Uni.createFrom().voidItem();
        }
        boolean upgrade = ScriptRequests.isUpgrade(ctx.request());
        if (upgrade && !csrf.isSameOrigin(ctx.request())) {
            // Like a signed-in one: a socket from another origin is never opened, not even to say "signed out".
            return end(ctx, 403, "WebSocket from another origin");
        }
        if (upgrade) {
            // Completes once the 101 is written, so Quarkus finds the response ended and adds nothing.
            return Uni.createFrom().completionStage(ctx.request().toWebSocket()
                    .compose(socket -> socket.close(SIGNED_OUT, "signed out"))
                    .<Void> mapEmpty().otherwiseEmpty().toCompletionStage());
        }
        ctx.response().putHeader("WWW-Authenticate", "OIDC");
        return end(ctx, 401, MESSAGE);
    }

    private static Uni<Void> end(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(Json.encode(ApiError.of(status, message)));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return ScriptRequests.isScript(context.request())
                ? Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "OIDC"))
                : Uni.createFrom().nullItem();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    /** Above the OIDC mechanism ({@code quarkus.oidc.priority}, default 1001), so it is asked first. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
