package dev.orrery.todo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.contracts.fragment.ManifestValidator;
import dev.orrery.contracts.todo.TodoView;
import dev.orrery.style.StyleAssets;
import dev.orrery.todo.view.CardRenderer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class ManifestAndListFragmentTest extends TwoUsers {

    @Test
    void manifestDeclaresSharedAndOwnAssetsWithTheirHashesAndTheProxyRoutes() throws Exception {
        FragmentManifest manifest = given().get(FragmentManifest.PATH).then().statusCode(200)
                .extract().as(FragmentManifest.class);
        assertEquals(List.of(), ManifestValidator.problems(manifest));
        StyleAssets shared = StyleAssets.load();
        List<String> urls = manifest.assets().stream().map(FragmentManifest.Asset::url).toList();
        assertTrue(urls.containsAll(List.of(shared.url("tokens.css"), shared.url("orrery-timer.js"),
                shared.url("orrery-picker.js"), "/todo/assets/todo-live.js", "/todo/assets/todo.css")), urls.toString());
        for (FragmentManifest.Asset asset : manifest.assets()) {
            byte[] served = given().get(asset.url()).then().statusCode(200).extract().asByteArray();
            String sri = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(served));
            assertEquals(sri, asset.integrity(), asset.url());
        }
        assertEquals(List.of("http:/api/todos", "http:/todo/assets/", "http:/todo/isolated/summary", "websocket:/live/todos"),
                manifest.routes().stream().map(r -> r.kind() + ":" + r.prefix()).toList());
    }

    @Test
    void listHasANoScriptFormDeleteAllTheCardsAndTheSeqToResumeFrom() {
        long id = alice.add("Read <b>everything</b>");
        String html = alice.request().get("/fragments/list").then().statusCode(200)
                .body(containsString("<form class=\"todo-new\" method=\"post\" action=\"/api/todos\">"))
                .body(containsString("<label for=\"todo-new-text\">New todo</label>"))
                .body(containsString("maxlength=\"2000\""))
                .body(containsString("data-action=\"delete-all\">Delete All</button>"))
                .body(containsString("Read &lt;b&gt;everything&lt;/b&gt;"))
                .body(containsString("<orrery-timer label=\"Focus\""))
                .body(containsString("<orrery-picker label=\"Priority\" value=\"normal\""))
                .body(not(containsString("<link")))
                .extract().asString();
        assertTrue(html.contains(alice.card(id).strip()), "the list embeds exactly the card fragment");
        assertTrue(html.matches("(?s).*data-seq=\"[1-9][0-9]*\".*"), "data-seq names the last change");
        String card = alice.card(id);
        assertTrue(card.matches("(?s).*<time datetime=\"([^\"]+)\" data-when=\"\\1\" title=\"\\1\">just now</time>.*"), card);
    }

    @Inject
    CardRenderer renderer;

    @Test
    void theCardShowsTheAvatarOrGeneratedInitialsAndTheRelativeTime() {
        Instant created = Instant.now().minus(Duration.ofMinutes(2));
        String withAvatar = renderer.card(new TodoView(7, "t", false, "high", created,
                new TodoView.Author("u1", "Ada Lovelace", "/api/profile/avatar/u1")));
        assertTrue(withAvatar.contains("<img class=\"todo-avatar\" src=\"/api/profile/avatar/u1\""), withAvatar);
        assertTrue(withAvatar.contains(">2 minutes ago</time>"), withAvatar);
        assertTrue(withAvatar.contains("data-when=\"" + created + "\""), withAvatar);
        String initials = renderer.card(new TodoView(8, "t", true, "low", created,
                new TodoView.Author("u2", "ada  lovelace byron", null)));
        assertTrue(initials.contains("<span class=\"todo-avatar todo-avatar-initials\" aria-hidden=\"true\">AL</span>"), initials);
        assertTrue(initials.contains("todo-card todo-done"), initials);
        assertTrue(initials.contains("data-action=\"done\" checked"), initials);
    }
}
