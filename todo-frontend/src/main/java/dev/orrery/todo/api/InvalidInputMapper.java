package dev.orrery.todo.api;

import dev.orrery.contracts.error.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {

    @Override
    public Response toResponse(InvalidInputException e) {
        return ApiErrors.response(new ApiError(400, e.getMessage(), e.field()));
    }
}
