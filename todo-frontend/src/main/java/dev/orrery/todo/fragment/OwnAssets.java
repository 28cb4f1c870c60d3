package dev.orrery.todo.fragment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.orrery.contracts.fragment.FragmentManifest;

/** This front-end's own static files under {@code META-INF/resources/todo/assets/}, with their SRI hashes. */
final class OwnAssets {

    static final String BASE = "/todo/assets/";

    private OwnAssets() {
    }

    static FragmentManifest.Asset asset(String type, String fileName) {
        return new FragmentManifest.Asset(type, BASE + fileName, integrity(fileName));
    }

    private static String integrity(String fileName) {
        String resource = "META-INF/resources" + BASE + fileName;
        try (InputStream in = OwnAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
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
