package dev.orrery.todo;

import java.net.URI;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the management interface, which listens on its own port: {@code management().get("/q/health")}. */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    public static RequestSpecification management() {
        // test.management.url: the running test's management interface (its random port) and root path (/q); the
        // paths are given whole, as on a command line
        String url = ConfigProvider.getConfig().getValue("test.management.url", String.class);
        return RestAssured.given().baseUri(URI.create(url).resolve("/").toString());
    }
}
