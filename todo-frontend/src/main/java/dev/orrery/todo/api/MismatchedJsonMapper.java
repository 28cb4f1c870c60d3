package dev.orrery.todo.api;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.orrery.contracts.error.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Valid JSON of the wrong shape, e.g. an object where the text should be; the built-in mapper would answer it. */
@Provider
public class MismatchedJsonMapper implements ExceptionMapper<MismatchedInputException> {

    @Override
    public Response toResponse(MismatchedInputException e) {
        return ApiErrors.response(ApiError.of(400, MalformedJsonMapper.MESSAGE));
    }
}
