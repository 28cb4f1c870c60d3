package dev.orrery.contracts.fragment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ManifestValidatorTest {

    private static FragmentManifest.Fragment fragment(String id, String path, boolean primary) {
        return new FragmentManifest.Fragment(id, path, 500, false, primary, "<p>unavailable</p>", true);
    }

    private static FragmentManifest manifest(List<FragmentManifest.Fragment> fragments, List<FragmentManifest.Route> routes) {
        return new FragmentManifest("todo", "1.0.0", fragments,
                List.of(new FragmentManifest.Asset("style", "/orrery/style/tokens.css", "sha384-x")), routes);
    }

    @Test
    void validManifestHasNoProblems() {
        var m = manifest(List.of(fragment("list", "/fragments/list", true)),
                List.of(new FragmentManifest.Route("http", "/api/todos"), new FragmentManifest.Route("websocket", "/live/todos")));
        assertEquals(List.of(), ManifestValidator.problems(m));
    }

    @Test
    void pathTraversalAndAbsoluteUrlsAreRejected() {
        var m = manifest(List.of(fragment("list", "/fragments/../admin", false), fragment("card", "http://evil/x", false)),
                List.of(new FragmentManifest.Route("http", "//evil.example/api"), new FragmentManifest.Route("http", "/")));
        List<String> problems = ManifestValidator.problems(m);
        assertEquals(4, problems.size(), problems::toString);
    }

    @Test
    void twoPrimariesRepeatedIdsAndBadNamesAreRejected() {
        var m = new FragmentManifest("Todo!", " ", List.of(fragment("list", "/a", true), fragment("list", "/b", true)),
                List.of(), List.of());
        List<String> problems = ManifestValidator.problems(m);
        assertTrue(problems.stream().anyMatch(p -> p.contains("primary")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("repeated")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("name")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("version")), problems::toString);
    }

    @Test
    void tooManyRoutesAreRejected() {
        var routes = java.util.stream.IntStream.range(0, 9).mapToObj(i -> new FragmentManifest.Route("http", "/api/r" + i)).toList();
        assertTrue(ManifestValidator.problems(manifest(List.of(), routes)).stream().anyMatch(p -> p.contains("at most 8")));
    }
}
