package dev.orrery.todo.todo;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The signed-in user of this request: the token's {@code sub}, and the name the token carries. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String id() {
        return identity.getPrincipal().getName();
    }

    /** The token's {@code name} claim, else the user name; null if the token has neither. */
    public String displayName() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String name = jwt.getClaim("name");
            return name != null ? name : jwt.getClaim("preferred_username");
        }
        return null;
    }
}
