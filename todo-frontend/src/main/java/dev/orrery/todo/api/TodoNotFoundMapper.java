package dev.orrery.todo.api;

import dev.orrery.contracts.error.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class TodoNotFoundMapper implements ExceptionMapper<TodoNotFoundException> {

    @Override
    public Response toResponse(TodoNotFoundException e) {
        return ApiErrors.response(ApiError.of(404, e.getMessage()));
    }
}
