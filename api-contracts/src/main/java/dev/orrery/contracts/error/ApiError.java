package dev.orrery.contracts.error;

/**
 * The JSON body of every 4xx/5xx answer from an Orrery API: the HTTP status repeated, and a message a person can act on.
 * {@code field} names the offending input where there is one, else null.
 */
public record ApiError(int status, String message, String field) {

    public static ApiError of(int status, String message) {
        return new ApiError(status, message, null);
    }
}
