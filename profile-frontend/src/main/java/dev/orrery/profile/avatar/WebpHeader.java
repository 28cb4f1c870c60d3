package dev.orrery.profile.avatar;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The dimensions from a WebP file's RIFF container and first chunk (VP8 lossy, VP8L lossless, or VP8X extended),
 * checked for consistency. The JDK has no WebP decoder and none resolves here, so this is the validation.
 */
record WebpHeader(int width, int height) {

    static boolean isWebp(byte[] b) {
        return b.length >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP");
    }

    static Optional<WebpHeader> parse(byte[] b) {
        if (!isWebp(b) || b.length < 30) {
            return Optional.empty();
        }
        long riffSize = le(b, 4, 4);
        long chunkSize = le(b, 16, 4);
        if (riffSize + 8 != b.length || chunkSize + 20 > b.length) {
            return Optional.empty();
        }
        if (ascii(b, 12, "VP8 ")) {
            // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
            if ((b[23] & 0xff) != 0x9d || (b[24] & 0xff) != 0x01 || (b[25] & 0xff) != 0x2a) {
                return Optional.empty();
            }
            return Optional.of(new WebpHeader((int) le(b, 26, 2) & 0x3fff, (int) le(b, 28, 2) & 0x3fff));
        }
        if (ascii(b, 12, "VP8L")) {
            if ((b[20] & 0xff) != 0x2f) {
                return Optional.empty();
            }
            long bits = le(b, 21, 4);
            return Optional.of(new WebpHeader((int) (bits & 0x3fff) + 1, (int) ((bits >> 14) & 0x3fff) + 1));
        }
        if (ascii(b, 12, "VP8X")) {
            return Optional.of(new WebpHeader((int) le(b, 24, 3) + 1, (int) le(b, 27, 3) + 1));
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] b, int offset, String text) {
        return new String(b, offset, text.length(), StandardCharsets.US_ASCII).equals(text);
    }

    private static long le(byte[] b, int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (b[offset + i] & 0xff);
        }
        return value;
    }
}
