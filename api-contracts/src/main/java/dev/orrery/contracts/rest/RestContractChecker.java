package dev.orrery.contracts.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.orrery.contracts.fragment.FragmentManifest;

/**
 * Tells whether a front-end's live OpenAPI document (its {@code /q/openapi?format=json}) still satisfies the REST
 * contract its consumers rely on (a trimmed OpenAPI document, see {@link RestContracts}), and whether every route its
 * manifest lets the gateway proxy is covered. A pure function: the front-end's own test runs it, so a breaking change
 * fails that front-end's build. Rules: docs/contracts.md.
 */
public final class RestContractChecker {

    /** Manifest routes deliberately left out of the contract, each with a {@code reason} (assets, WebSockets). */
    public static final String UNCONTRACTED_ROUTES = "x-orrery-uncontracted-routes";

    private RestContractChecker() {
    }

    /**
     * @param manifest the front-end's live manifest, or {@code null} to check the OpenAPI document only
     * @return the problems found; empty when the live document satisfies the contract
     */
    public static List<String> problems(JsonNode contractDocument, JsonNode liveDocument, FragmentManifest manifest) {
        List<String> problems = new ArrayList<>();
        OpenApiDocument contract = new OpenApiDocument(contractDocument);
        OpenApiDocument live = new OpenApiDocument(liveDocument);
        SchemaCompatibility schemas = new SchemaCompatibility(contract, live, problems);
        for (String path : contract.pathTemplates()) {
            for (String method : contract.methods(path)) {
                String where = method.toUpperCase() + " " + path;
                JsonNode actual = live.operation(path, method);
                if (actual.isMissingNode()) {
                    problems.add(where + ": operation is gone");
                    continue;
                }
                JsonNode contracted = contract.operation(path, method);
                parameters(where, contracted, actual, problems);
                requestBody(where, contracted.path("requestBody"), actual.path("requestBody"), schemas, problems);
                responses(where, contracted.path("responses"), actual.path("responses"), schemas, problems);
            }
        }
        if (manifest != null) {
            routes(contractDocument, contract.pathTemplates(), manifest, problems);
        }
        return problems;
    }

    private static void parameters(String where, JsonNode contracted, JsonNode actual, List<String> problems) {
        Set<String> known = new HashSet<>();
        for (JsonNode p : contracted.path("parameters")) {
            known.add(p.path("in").asText() + ":" + p.path("name").asText().toLowerCase());
        }
        Set<String> offered = new HashSet<>();
        for (JsonNode p : actual.path("parameters")) {
            String key = p.path("in").asText() + ":" + p.path("name").asText().toLowerCase();
            offered.add(key);
            boolean path = "path".equals(p.path("in").asText());
            if (!path && p.path("required").asBoolean(false) && !known.contains(key)) {
                problems.add(where + ": new required parameter " + key);
            }
        }
        for (String key : known) {
            if (!key.startsWith("path:") && !offered.contains(key)) {
                problems.add(where + ": parameter " + key + " is no longer accepted");
            }
        }
    }

    private static void requestBody(String where, JsonNode contracted, JsonNode actual, SchemaCompatibility schemas,
            List<String> problems) {
        if (contracted.isMissingNode()) {
            if (actual.path("required").asBoolean(false)) {
                problems.add(where + ": a request body is now required");
            }
            return;
        }
        if (actual.isMissingNode()) {
            problems.add(where + ": the request body is no longer accepted");
            return;
        }
        if (!contracted.path("required").asBoolean(false) && actual.path("required").asBoolean(false)) {
            problems.add(where + ": the request body is now required");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = contracted.path("content").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> media = it.next();
            JsonNode live = actual.path("content").path(media.getKey());
            if (live.isMissingNode()) {
                problems.add(where + ": request media type " + media.getKey() + " is no longer accepted");
            } else if (media.getValue().has("schema")) {
                schemas.request(where + " request " + media.getKey(), media.getValue().path("schema"), live.path("schema"));
            }
        }
    }

    private static void responses(String where, JsonNode contracted, JsonNode actual, SchemaCompatibility schemas,
            List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = contracted.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> response = it.next();
            String status = response.getKey();
            JsonNode live = actual.path(status);
            if (live.isMissingNode()) {
                problems.add(where + ": response " + status + " is no longer declared");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> media = response.getValue().path("content").fields(); media.hasNext();) {
                Map.Entry<String, JsonNode> type = media.next();
                JsonNode liveMedia = live.path("content").path(type.getKey());
                if (liveMedia.isMissingNode()) {
                    problems.add(where + ": response " + status + " no longer comes as " + type.getKey());
                } else if (type.getValue().has("schema")) {
                    schemas.response(where + " " + status, type.getValue().path("schema"), liveMedia.path("schema"));
                }
            }
        }
    }

    private static void routes(JsonNode contractDocument, Set<String> contractedPaths, FragmentManifest manifest,
            List<String> problems) {
        Set<String> uncontracted = new HashSet<>();
        for (JsonNode route : contractDocument.path(UNCONTRACTED_ROUTES)) {
            uncontracted.add(route.path("kind").asText() + " " + trim(route.path("prefix").asText()));
        }
        List<FragmentManifest.Route> routes = manifest.routes() == null ? List.of() : manifest.routes();
        for (FragmentManifest.Route route : routes) {
            String prefix = trim(route.prefix());
            boolean covered = "http".equals(route.kind())
                    && contractedPaths.stream().anyMatch(p -> under(p, prefix));
            if (!covered && !uncontracted.contains(route.kind() + " " + prefix)) {
                problems.add("manifest route " + route.kind() + " " + route.prefix()
                        + " is neither in the contract nor listed in " + UNCONTRACTED_ROUTES);
            }
        }
        for (String path : contractedPaths) {
            boolean proxied = routes.stream()
                    .anyMatch(r -> "http".equals(r.kind()) && under(path, trim(r.prefix())));
            if (!proxied) {
                problems.add(path + ": contracted, but no http route of the manifest lets the gateway proxy it");
            }
        }
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static String trim(String prefix) {
        return prefix != null && prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1)
                : String.valueOf(prefix);
    }
}
