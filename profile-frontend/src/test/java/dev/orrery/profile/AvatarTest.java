package dev.orrery.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class AvatarTest {

    private static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** A minimal lossless WebP header (VP8L) claiming the given size; enough for header validation. */
    static byte[] webp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x2f)
                .putInt((width - 1) | ((height - 1) << 14));
        return b.array();
    }

    private static ValidatableResponse upload(String user, String contentType, byte[] body) {
        return given().auth().oauth2(KeycloakTokens.accessToken(user)).contentType(contentType).body(body)
                .put("/api/profile/avatar").then();
    }

    private static ValidatableResponse avatarOf(String viewer, String userId) {
        return given().auth().oauth2(KeycloakTokens.accessToken(viewer)).get("/api/profile/avatar/" + userId).then();
    }

    @Test
    void withoutUploadAnEscapedInitialsSvgIsServedWithEtagAnd304() {
        Profiles.put("bob", "<Bob> & \"Builder\"", "daylight", "UTC").statusCode(200);
        String bob = Profiles.userId("bob");
        given().auth().oauth2(KeycloakTokens.accessToken("bob")).delete("/api/profile/avatar").then();
        String etag = avatarOf("alice", bob).statusCode(200)
                .contentType(containsString("image/svg+xml"))
                .header("Cache-Control", containsString("max-age"))
                .body(containsString("&lt;Bob&gt; &amp; &quot;Builder&quot;"))
                .body(not(containsString("<Bob>")))
                .extract().header("ETag");
        given().auth().oauth2(KeycloakTokens.accessToken("alice")).header("If-None-Match", etag)
                .get("/api/profile/avatar/" + bob).then().statusCode(304);
        Profiles.put("bob", "Bob Builder", "daylight", "UTC").statusCode(200);
    }

    @Test
    void jpegIsReencodedToPngAndChangesTheAvatarUrl() throws IOException {
        String before = Profiles.get("alice").extract().path("avatarUrl");
        String after = upload("alice", "image/jpeg", image("jpg", 40, 30)).statusCode(200)
                .extract().path("avatarUrl");
        assertEquals(false, before.equals(after), "avatarUrl changes with the upload");
        byte[] served = avatarOf("bob", Profiles.userId("alice")).statusCode(200).contentType("image/png")
                .extract().asByteArray();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(served));
        assertEquals(40, decoded.getWidth());
        assertEquals(30, decoded.getHeight());
    }

    @Test
    void webpIsValidatedByItsHeaderAndKept() {
        upload("alice", "image/webp", webp(64, 64)).statusCode(200);
        byte[] served = avatarOf("alice", Profiles.userId("alice")).statusCode(200).contentType("image/webp")
                .extract().asByteArray();
        assertEquals(true, Arrays.equals(webp(64, 64), served));
    }

    @Test
    void limitsAndCorruptImagesAreRefusedAndKeepTheOldAvatar() throws IOException {
        upload("alice", "image/png", image("png", 8, 8)).statusCode(200);
        String url = Profiles.get("alice").extract().path("avatarUrl");
        byte[] tooLarge = new byte[1024 * 1024 + 10];
        System.arraycopy(image("png", 8, 8), 0, tooLarge, 0, 8);
        upload("alice", "image/png", tooLarge).statusCode(413).body("field", is("avatar"));
        upload("alice", "image/png", image("png", 1025, 10)).statusCode(400).body("message", containsString("1024"));
        upload("alice", "image/webp", webp(2000, 10)).statusCode(400).body("field", is("avatar"));
        upload("alice", "image/png", "GIF89a not an allowed type".getBytes(StandardCharsets.US_ASCII)).statusCode(415);
        byte[] corrupt = Arrays.copyOf(image("png", 16, 16), 40);
        upload("alice", "image/png", corrupt).statusCode(400).body("message", containsString("corrupt"));
        byte[] brokenWebp = webp(10, 10);
        brokenWebp[20] = 0;
        upload("alice", "image/webp", brokenWebp).statusCode(400);
        Profiles.get("alice").body("avatarUrl", is(url));
    }

    @Test
    void multipartUploadWorksToo() throws IOException {
        given().auth().oauth2(KeycloakTokens.accessToken("bob"))
                .multiPart("avatar", "me.png", image("png", 12, 12), "image/png")
                .post("/api/profile/avatar").then().statusCode(200);
        avatarOf("bob", Profiles.userId("bob")).statusCode(200).contentType("image/png");
    }

    @Test
    void unknownUserHasNoAvatar() {
        avatarOf("alice", "nobody-" + System.nanoTime()).statusCode(404);
    }
}
