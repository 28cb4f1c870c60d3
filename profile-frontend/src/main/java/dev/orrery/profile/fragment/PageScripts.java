package dev.orrery.profile.fragment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.orrery.contracts.fragment.FragmentManifest;
import dev.orrery.style.StyleAssets;
import jakarta.enterprise.context.ApplicationScoped;

/** The profile page's own script and the shared widgets' hashed URLs, with SRI values for the manifest. */
@ApplicationScoped
public class PageScripts {

    static final String PAGE_SCRIPT = "/profile/assets/profile-page.js";

    private final StyleAssets style = StyleAssets.load();
    private final FragmentManifest.Asset pageScript = new FragmentManifest.Asset("script", PAGE_SCRIPT,
            sri("META-INF/resources" + PAGE_SCRIPT));

    public StyleAssets style() {
        return style;
    }

    public FragmentManifest.Asset pageScript() {
        return pageScript;
    }

    private static String sri(String resource) {
        try (InputStream in = PageScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            byte[] digest = MessageDigest.getInstance("SHA-384").digest(in.readAllBytes());
            return "sha384-" + Base64.getEncoder().encodeToString(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
