package dev.orrery.todo.api;

import java.util.Collection;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.orrery.contracts.error.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Valid JSON of the wrong shape: a value of another type than the field's ({@code {"text": 42}}, {@code {"done":
 * "true"}}) or a body that is not an object. Names the field and the type it needs; the built-in mapper would answer
 * otherwise. The input itself is not echoed.
 */
@Provider
public class MismatchedJsonMapper implements ExceptionMapper<MismatchedInputException> {

    @Override
    public Response toResponse(MismatchedInputException e) {
        String field = path(e);
        String expected = expected(e.getTargetType());
        if (field.isEmpty()) {
            return ApiErrors.response(ApiError.of(400, "The body must be " + expected));
        }
        return ApiErrors.response(new ApiError(400, field + " must be " + expected, field));
    }

    /** e.g. {@code text}, {@code items[2].name}; empty for the body itself. */
    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (Reference r : e.getPath()) {
            if (r.getFieldName() == null) {
                path.append('[').append(r.getIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a JSON string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            return "a whole JSON number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a JSON number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }
}
