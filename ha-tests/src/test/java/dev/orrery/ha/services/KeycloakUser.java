package dev.orrery.ha.services;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A realm user signed in with the password grant of the gateway's client: its bearer token and subject id. */
record KeycloakUser(String name, String token, String id) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static KeycloakUser signIn(String name) throws Exception {
        String form = "grant_type=password&client_id=orrery-gateway&client_secret=orrery-gateway-secret&username="
                + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(name + "-orrery", StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:8180/realms/orrery/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused " + name + ": " + response.body());
        }
        String token = JSON.readTree(response.body()).get("access_token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return new KeycloakUser(name, token, claims.get("sub").asText());
    }
}
