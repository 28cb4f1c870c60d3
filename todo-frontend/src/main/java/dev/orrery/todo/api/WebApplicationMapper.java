package dev.orrery.todo.api;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.orrery.contracts.error.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Errors the framework raises (wrong content type, unknown path, wrong method) get the same JSON body as ours. */
@Provider
public class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.getStatus() < 400) {
            return original;
        }
        if (causedByJson(e)) {
            return ApiErrors.response(ApiError.of(400, MalformedJsonMapper.MESSAGE));
        }
        String reason = original.getStatusInfo().getReasonPhrase();
        return ApiErrors.response(ApiError.of(original.getStatus(), reason == null ? "Request refused" : reason));
    }

    /** The JSON reader reports unparseable bodies as a plain 400 with the parser's exception as the cause. */
    private static boolean causedByJson(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }
}
