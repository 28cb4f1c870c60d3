package dev.orrery.todo.api;

import dev.orrery.contracts.error.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

final class ApiErrors {

    private ApiErrors() {
    }

    static Response response(ApiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
