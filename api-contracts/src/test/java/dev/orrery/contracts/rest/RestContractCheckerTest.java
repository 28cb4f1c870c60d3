package dev.orrery.contracts.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.contracts.fragment.FragmentManifest.Route;

/**
 * The checker against snapshots of both front-ends' real /q/openapi documents (test resources {@code rest/*.live.json},
 * taken when the contracts were written), each negative fixture being one breaking edit of such a snapshot.
 */
class RestContractCheckerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FragmentManifest PROFILE_MANIFEST = manifest("profile",
            new Route("http", "/api/profile"), new Route("http", "/profile/assets"));
    private static final FragmentManifest TODO_MANIFEST = manifest("todo", new Route("http", "/api/todos"),
            new Route("http", "/todo/assets/"), new Route("http", "/todo/isolated/summary"),
            new Route("websocket", "/live/todos"));

    private static FragmentManifest manifest(String name, Route... routes) {
        return new FragmentManifest(name, "1", List.of(), List.of(), List.of(routes));
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = RestContractCheckerTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is on the classpath");
            return JSON.readTree(in);
        }
    }

    private static JsonNode profileContract() throws IOException {
        return read(RestContracts.PROFILE_FRONTEND);
    }

    private static ObjectNode profileLive() throws IOException {
        return (ObjectNode) read("rest/profile-frontend.live.json");
    }

    private static ObjectNode todoLive() throws IOException {
        return (ObjectNode) read("rest/todo-frontend.live.json");
    }

    private static List<String> checkProfile(JsonNode live) throws IOException {
        return RestContractChecker.problems(profileContract(), live, PROFILE_MANIFEST);
    }

    private static List<String> checkTodo(JsonNode live) throws IOException {
        return RestContractChecker.problems(read(RestContracts.TODO_FRONTEND), live, TODO_MANIFEST);
    }

    private static ObjectNode at(JsonNode doc, String pointer) {
        JsonNode node = doc.at(pointer);
        assertTrue(node.isObject(), pointer + " is an object in the fixture");
        return (ObjectNode) node;
    }

    private static void assertOneProblem(List<String> problems, String expected) {
        assertEquals(1, problems.size(), () -> "exactly one problem expected, got " + problems);
        assertTrue(problems.get(0).contains(expected), () -> "expected '" + expected + "' in " + problems);
    }

    @Test
    void bothContractsAreSatisfiedByTheDocumentsTheyWereTrimmedFrom() throws IOException {
        assertEquals(List.of(), checkProfile(profileLive()));
        assertEquals(List.of(), checkTodo(todoLive()));
    }

    @Test
    void contractFilesAreOpenApiDocumentsWithoutDanglingRefs() throws IOException {
        for (String resource : List.of(RestContracts.PROFILE_FRONTEND, RestContracts.TODO_FRONTEND)) {
            JsonNode contract = read(resource);
            assertTrue(contract.path("openapi").asText().startsWith("3."), resource);
            List<String> refs = new ArrayList<>();
            collectRefs(contract, refs);
            for (String ref : refs) {
                assertTrue(contract.at(ref.substring(1)).isObject(), resource + ": dangling " + ref);
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    // --- breaking changes: each fails ---

    /**
     * One breaking edit of a front-end's real OpenAPI snapshot and what the checker must say about it; {@code every}:
     * the edit touches a shared schema, so each operation using it reports the same problem.
     */
    record Breaking(String name, boolean todo, Consumer<ObjectNode> edit, String expected, boolean every) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Breaking> breakingChanges() {
        return Stream.of(
                new Breaking("removed path", false, live -> at(live, "/paths").remove("/api/profile/avatar/{userId}"),
                        "GET /api/profile/avatar/{userId}: operation is gone", false),
                new Breaking("removed method", true, live -> at(live, "/paths/~1api~1todos~1{id}").remove("patch"),
                        "PATCH /api/todos/{id}: operation is gone", false),
                new Breaking("moved path", false, live -> at(live, "/paths").set("/api/profile/picture",
                        at(live, "/paths").remove("/api/profile/avatar")), "/api/profile/avatar: operation is gone", true),
                new Breaking("removed status code", false, live -> at(live, "/paths/~1api~1profile/put/responses").remove("409"),
                        "PUT /api/profile: response 409 is no longer declared", false),
                new Breaking("renamed response field", false, live -> {
                    ObjectNode props = at(live, "/components/schemas/ProfileView/properties");
                    props.set("name", props.remove("displayName"));
                }, ".displayName: response field is gone", true),
                new Breaking("removed nested response field", true,
                        live -> at(live, "/components/schemas/Author/properties").remove("avatarUrl"),
                        ".author.avatarUrl: response field is gone", true),
                new Breaking("changed response type", false, live -> at(live,
                        "/components/schemas/ProfileView/properties/version").put("type", "string").remove("format"),
                        ".version: type changed from [integer] to [string]", true),
                new Breaking("changed format", true,
                        live -> at(live, "/components/schemas/TodoView/properties/id").put("format", "int32"),
                        ".id: format changed from int64 to int32", true),
                new Breaking("changed type through a $ref", true,
                        live -> at(live, "/components/schemas/Instant").put("type", "integer").remove("format"),
                        ".createdAt: type changed", true),
                new Breaking("dropped response media type", false, live -> at(live,
                        "/paths/~1api~1profile~1avatar~1{userId}/get/responses/200/content").remove("image/svg+xml"),
                        "response 200 no longer comes as image/svg+xml", false),
                new Breaking("new required request field", false, live -> {
                    at(live, "/components/schemas/ProfileChange").putArray("required").add("pronouns");
                    at(live, "/components/schemas/ProfileChange/properties").putObject("pronouns").put("type", "string");
                }, "PUT /api/profile request application/json.pronouns: new required request field", false),
                new Breaking("removed request field", true,
                        live -> at(live, "/components/schemas/TodoPatch/properties").remove("priority"),
                        "PATCH /api/todos/{id} request application/json.priority: request field is no longer accepted", false),
                new Breaking("changed request type", true,
                        live -> at(live, "/components/schemas/TodoPatch/properties/done").put("type", "string"),
                        ".done: type changed from [boolean] to [string]", false),
                new Breaking("dropped request media type", true, live -> at(live,
                        "/paths/~1api~1todos/post/requestBody/content").remove("application/x-www-form-urlencoded"),
                        "POST /api/todos: request media type application/x-www-form-urlencoded is no longer accepted", false),
                new Breaking("dropped parameter", false, live -> ((ArrayNode) live.at(
                        "/paths/~1api~1profile~1avatar~1{userId}/get/parameters")).remove(1),
                        "parameter header:if-none-match is no longer accepted", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakingChanges")
    void breakingChangeFails(Breaking change) throws IOException {
        ObjectNode live = change.todo() ? todoLive() : profileLive();
        change.edit().accept(live);
        List<String> problems = change.todo() ? checkTodo(live) : checkProfile(live);
        if (change.every()) {
            assertTrue(!problems.isEmpty() && problems.stream().allMatch(p -> p.contains(change.expected())),
                    problems::toString);
        } else {
            assertOneProblem(problems, change.expected());
        }
    }

    @Test
    void newlyRequiredBodyOrParameterFails() throws IOException {
        ObjectNode live = todoLive();
        at(live, "/paths/~1api~1todos/delete").putObject("requestBody").put("required", true);
        ArrayNode params = at(live, "/paths/~1api~1todos/get").putArray("parameters");
        params.addObject().put("name", "page").put("in", "query").put("required", true);
        List<String> problems = checkTodo(live);
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.contains("DELETE /api/todos: a request body is now required"), problems::toString);
        assertTrue(problems.contains("GET /api/todos: new required parameter query:page"), problems::toString);
    }

    @Test
    void narrowedRequestEnumAndWidenedResponseEnumFail() throws IOException {
        JsonNode contract = JSON.readTree("""
                {"paths":{"/api/x":{"post":{
                  "requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{
                    "level":{"type":"string","enum":["low","high"]}}}}}},
                  "responses":{"200":{"content":{"application/json":{"schema":{"type":"object","properties":{
                    "state":{"type":"string","enum":["open","done"]}}}}}}}}}}}""");
        JsonNode live = JSON.readTree("""
                {"paths":{"/api/x":{"post":{
                  "requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{
                    "level":{"type":"string","enum":["low"]}}}}}},
                  "responses":{"200":{"content":{"application/json":{"schema":{"type":"object","properties":{
                    "state":{"type":"string","enum":["open","done","archived"]}}}}}}}}}}}""");
        List<String> problems = RestContractChecker.problems(contract, live, null);
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains(".level: accepts fewer values"), problems::toString);
        assertTrue(problems.get(1).contains(".state: may now return values beyond"), problems::toString);
    }

    @Test
    void arrayItemTypeChangeFails() throws IOException {
        JsonNode contract = JSON.readTree("""
                {"paths":{"/api/x":{"get":{"responses":{"200":{"content":{"application/json":{"schema":
                  {"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"}}}}}}}}}}}}""");
        JsonNode live = JSON.readTree("""
                {"paths":{"/api/x":{"get":{"responses":{"200":{"content":{"application/json":{"schema":
                  {"type":"array","items":{"type":"object","properties":{"id":{"type":"string"}}}}}}}}}}}}""");
        assertOneProblem(RestContractChecker.problems(contract, live, null), "GET /api/x 200[].id: type changed");
    }

    // --- the manifest's proxy routes ---

    @Test
    void aNewProxyRouteOutsideTheContractFails() throws IOException {
        FragmentManifest grown = manifest("profile", new Route("http", "/api/profile"),
                new Route("http", "/profile/assets"), new Route("http", "/api/preferences"));
        List<String> problems = RestContractChecker.problems(profileContract(), profileLive(), grown);
        assertOneProblem(problems, "manifest route http /api/preferences is neither in the contract nor listed");
    }

    @Test
    void aContractedPathNoLongerProxiedFails() throws IOException {
        FragmentManifest shrunk = manifest("todo", new Route("http", "/api/todos"), new Route("http", "/todo/assets/"),
                new Route("websocket", "/live/todos"));
        List<String> problems = RestContractChecker.problems(read(RestContracts.TODO_FRONTEND), todoLive(), shrunk);
        assertOneProblem(problems, "/todo/isolated/summary: contracted, but no http route of the manifest");
    }

    @Test
    void aWebSocketRouteIsNeverCoveredByHttpPaths() throws IOException {
        FragmentManifest ws = manifest("profile", new Route("http", "/api/profile"), new Route("http", "/profile/assets"),
                new Route("websocket", "/api/profile"));
        assertOneProblem(RestContractChecker.problems(profileContract(), profileLive(), ws),
                "manifest route websocket /api/profile");
    }

    // --- compatible changes: each passes ---

    @Test
    void additiveChangesPass() throws IOException {
        ObjectNode live = profileLive();
        at(live, "/components/schemas/ProfileView/properties").putObject("pronouns").put("type", "string");
        at(live, "/components/schemas/ProfileChange/properties").putObject("pronouns").put("type", "string");
        at(live, "/paths/~1api~1profile/put/responses").putObject("422").put("description", "new");
        at(live, "/paths").putObject("/api/profile/export").putObject("get").putObject("responses").putObject("200");
        at(live, "/paths/~1api~1profile/get").putArray("parameters").addObject().put("name", "fields").put("in", "query");
        at(live, "/paths/~1api~1profile~1avatar/put/requestBody/content").putObject("image/avif");
        assertEquals(List.of(), checkProfile(live));
    }

    @Test
    void renamedPathParameterAndInlinedSchemaPass() throws IOException {
        ObjectNode live = todoLive();
        ObjectNode paths = at(live, "/paths");
        JsonNode byId = paths.remove("/api/todos/{id}");
        paths.set("/api/todos/{todoId}", byId);
        at(live, "/paths/~1api~1todos~1{todoId}/patch/responses/200/content/application~1json")
                .set("schema", live.at("/components/schemas/TodoView").deepCopy());
        assertEquals(List.of(), checkTodo(live));
    }

    @Test
    void nullableAndAllOfWrappersPass() throws IOException {
        ObjectNode live = profileLive();
        at(live, "/components/schemas/ProfileView/properties/email").putArray("type").add("string").add("null");
        ObjectNode get200 = at(live, "/paths/~1api~1profile/get/responses/200/content/application~1json");
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.putArray("allOf").add(get200.get("schema"));
        get200.set("schema", wrapped);
        assertEquals(List.of(), checkProfile(live));
    }

    @Test
    void anEmptyLiveDocumentReportsEveryOperation() throws IOException {
        List<String> problems = RestContractChecker.problems(profileContract(), JSON.createObjectNode(), null);
        assertEquals(8, problems.size(), problems::toString);
    }
}
