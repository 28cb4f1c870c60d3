package dev.orrery.gateway.admin;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.orrery.contracts.error.ApiError;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A signed-in user without the admin role gets a 403 that says which role is missing. */
class AdminErrors {

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(403, "needs the realm role " + FrontendsResource.ADMIN_ROLE)).build();
    }
}
