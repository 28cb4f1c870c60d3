package dev.orrery.profile.error;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.orrery.contracts.error.ApiError;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Turns the service's exceptions into JSON {@link ApiError} answers. */
public class ApiErrorMappers {

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return json(e.toApiError());
    }

    @ServerExceptionMapper
    public Response wrongJsonShape(MismatchedInputException e) {
        return json(JsonShapeError.of(e));
    }

    /** The JSON reader reports an unparseable body as a plain 400 with the parser's exception as the cause. */
    @ServerExceptionMapper
    public Response unparseableJson(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return json(ApiError.of(400, "The body is not valid JSON"));
            }
        }
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e) {
        return json(ApiError.of(409, "The profile was changed at the same time; reload and try again."));
    }

    static Response json(ApiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
