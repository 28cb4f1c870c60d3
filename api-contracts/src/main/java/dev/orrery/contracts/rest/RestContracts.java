package dev.orrery.contracts.rest;

/**
 * Where each front-end's REST contract lives on the classpath: a trimmed OpenAPI 3.1 document with the paths,
 * methods, status codes and fields that the gateway's clients rely on. Checked by {@link RestContractChecker}.
 */
public final class RestContracts {

    public static final String TODO_FRONTEND = "contracts/rest/todo-frontend.openapi.json";
    public static final String PROFILE_FRONTEND = "contracts/rest/profile-frontend.openapi.json";

    private RestContracts() {
    }
}
