package dev.orrery.profile.error;

import dev.orrery.contracts.error.ApiError;

/** Bad input from the caller; becomes a 4xx {@link ApiError} naming the field. Thrown before anything is written. */
public class InvalidInputException extends RuntimeException {

    private final int status;
    private final String field;

    public InvalidInputException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public InvalidInputException(String field, String message) {
        this(400, field, message);
    }

    public ApiError toApiError() {
        return new ApiError(status, getMessage(), field);
    }

    public String field() {
        return field;
    }
}
