package dev.orrery.profile;

import java.net.URI;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the management interface, which listens on its own port: {@code management().get("/q/health")}. */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    public static RequestSpecification management() {
        // the management URI ends in its root path (/q); paths are given whole, as on a command line
        return RestAssured.given().baseUri(URI.create(TestHTTPResourceManager.getManagementUri()).resolve("/").toString());
    }
}
