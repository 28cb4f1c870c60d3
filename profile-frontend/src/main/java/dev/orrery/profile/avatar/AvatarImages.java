package dev.orrery.profile.avatar;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import dev.orrery.profile.config.ProfileConfig;
import dev.orrery.profile.error.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Accepts PNG, JPEG and WebP avatars, recognised by their magic bytes (never by the declared type), within the size
 * and pixel limits. PNG and JPEG are decoded and re-encoded to PNG, which drops anything but pixels; WebP (which the
 * JDK cannot decode) is checked by {@link WebpHeader} and kept as uploaded.
 */
@ApplicationScoped
public class AvatarImages {

    public static final String FIELD = "avatar";
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };

    private final ProfileConfig.Avatar limits;

    AvatarImages(ProfileConfig config) {
        this.limits = config.avatar();
    }

    /** Reads at most one byte past the limit, so an oversized upload is refused without buffering it whole. */
    public byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(limits.maxBytes() + 1);
        if (bytes.length > limits.maxBytes()) {
            throw new InvalidInputException(413, FIELD, "The avatar must be at most " + limits.maxBytes() / 1024 + " KB.");
        }
        return bytes;
    }

    public ValidatedImage validate(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException(FIELD, "The avatar file is empty.");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new InvalidInputException(413, FIELD, "The avatar must be at most " + limits.maxBytes() / 1024 + " KB.");
        }
        if (startsWith(bytes, PNG) || startsWith(bytes, JPEG)) {
            return reencode(bytes);
        }
        if (WebpHeader.isWebp(bytes)) {
            WebpHeader header = WebpHeader.parse(bytes)
                    .orElseThrow(() -> new InvalidInputException(FIELD, "The WebP image is corrupt."));
            checkPixels(header.width(), header.height());
            return new ValidatedImage("image/webp", bytes, header.width(), header.height());
        }
        throw new InvalidInputException(415, FIELD, "The avatar must be a PNG, JPEG or WebP image.");
    }

    private ValidatedImage reencode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw corrupt();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // Dimensions come from the header, before any pixel is decoded: a tiny file cannot claim a huge canvas.
                checkPixels(reader.getWidth(0), reader.getHeight(0));
                BufferedImage image = reader.read(0);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                if (!ImageIO.write(image, "png", png)) {
                    throw corrupt();
                }
                return new ValidatedImage("image/png", png.toByteArray(), image.getWidth(), image.getHeight());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw corrupt();
        }
    }

    private void checkPixels(int width, int height) {
        if (width < 1 || height < 1) {
            throw corrupt();
        }
        if (width > limits.maxPixels() || height > limits.maxPixels()) {
            throw new InvalidInputException(FIELD, "The avatar must be at most " + limits.maxPixels() + "×"
                    + limits.maxPixels() + " pixels; it is " + width + "×" + height + ".");
        }
    }

    private static InvalidInputException corrupt() {
        return new InvalidInputException(FIELD, "The avatar image is corrupt or cannot be read.");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
