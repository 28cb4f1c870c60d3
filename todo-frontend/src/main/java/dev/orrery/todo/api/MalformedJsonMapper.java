package dev.orrery.todo.api;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.orrery.contracts.error.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Unparseable JSON or JSON of the wrong shape. The parser's own text is not echoed: it may quote the input. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonProcessingException> {

    static final String MESSAGE = "The body is not valid JSON of the expected shape";

    @Override
    public Response toResponse(JsonProcessingException e) {
        return ApiErrors.response(ApiError.of(400, MESSAGE));
    }
}
