package dev.orrery.profile.error;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.orrery.contracts.error.ApiError;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Turns the service's exceptions into JSON {@link ApiError} answers. */
public class ApiErrorMappers {

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return json(e.toApiError());
    }

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e) {
        return json(ApiError.of(409, "The profile was changed at the same time; reload and try again."));
    }

    static Response json(ApiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
