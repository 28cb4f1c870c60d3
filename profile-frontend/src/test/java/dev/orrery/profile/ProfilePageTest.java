package dev.orrery.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.contracts.fragment.ManifestValidator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The profile page fragment and its plain HTML form (post, 303 back, outcome shown once). */
@QuarkusTest
class ProfilePageTest {

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakTokens.accessToken(user)).redirects().follow(false);
    }

    private static String page(String user) {
        return as(user).get("/fragments/profile").then().statusCode(200).extract().asString();
    }

    @Test
    void aValidPostRedirectsBackAndTheConfirmationIsShownOnce() {
        as("alice").multiPart("displayName", "Alice Form").multiPart("styleGuide", "nightfall")
                .multiPart("timeZone", "Europe/Paris")
                .post("/api/profile/form").then().statusCode(303).header("Location", "/profile");
        String html = page("alice");
        assertThat(html, containsString("Your profile was saved."));
        assertThat(html, containsString("value=\"Alice Form\""));
        assertThat(html, containsString("<option value=\"Europe/Paris\" selected>"));
        assertThat(page("alice"), not(containsString("Your profile was saved.")));
        Profiles.put("alice", "Alice Liddell", "daylight", "UTC").statusCode(200);
    }

    @Test
    void anInvalidPostKeepsWhatWasTypedEscapedAndShowsTheProblemNextToTheField() {
        as("bob").contentType("application/x-www-form-urlencoded")
                .formParam("displayName", "<script>alert(1)</script>" + "x".repeat(80))
                .formParam("styleGuide", "neon").formParam("timeZone", "UTC")
                .post("/api/profile/form").then().statusCode(303);
        String html = page("bob");
        assertThat(html, containsString("Nothing was saved"));
        assertThat(html, containsString("&lt;script&gt;alert(1)&lt;/script&gt;xxx"));
        assertThat(html, not(containsString("<script>alert(1)")));
        assertThat(html, containsString("id=\"profile-display-name-problem\""));
        assertThat(html, containsString("id=\"profile-style-guide-problem\""));
        Profiles.get("bob").body("displayName", not(containsString("script")));
    }

    @Test
    void aCorruptAvatarInTheFormSavesNothing() {
        Profiles.put("bob", "Bob Builder", "daylight", "UTC").statusCode(200);
        as("bob").multiPart("displayName", "Bob Changed").multiPart("styleGuide", "daylight")
                .multiPart("timeZone", "UTC").multiPart("avatar", "x.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 1, 2 }, "image/png")
                .post("/api/profile/form").then().statusCode(303);
        assertThat(page("bob"), containsString("id=\"profile-avatar-problem\""));
        Profiles.get("bob").body("displayName", is("Bob Builder"));
    }

    @Test
    void theAvatarFormStoresAValidImageAndReportsACorruptOne() {
        as("bob").multiPart("avatar", "x.webp", AvatarTest.webp(32, 32), "image/webp")
                .post("/api/profile/form/avatar").then().statusCode(303).header("Location", "/profile");
        assertThat(page("bob"), containsString("Your new avatar was saved."));
        as("bob").multiPart("avatar", "x.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 1, 2 }, "image/png")
                .post("/api/profile/form/avatar").then().statusCode(303);
        assertThat(page("bob"), containsString("id=\"profile-avatar-problem\""));
    }

    @Test
    void theManifestDeclaresBadgePageScriptAndRoutesAndIsValid() {
        FragmentManifest m = given().get(FragmentManifest.PATH).then().statusCode(200).extract().as(FragmentManifest.class);
        assertEquals(List.of(), ManifestValidator.problems(m));
        assertEquals(List.of("badge", "page"),
                m.fragments().stream().map(FragmentManifest.Fragment::id).toList());
        String script = m.assets().get(0).url();
        given().get(script).then().statusCode(200).body(containsString("orrery-picker"));
        assertThat(page("alice"), containsString("data-picker=\"/orrery/widgets/orrery-picker."));
    }
}
