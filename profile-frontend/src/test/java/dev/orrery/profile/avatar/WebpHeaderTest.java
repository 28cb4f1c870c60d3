package dev.orrery.profile.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The three WebP chunk kinds, and headers that lie about their sizes. */
class WebpHeaderTest {

    private static ByteBuffer riff(String chunk, int chunkSize, int total) {
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(total - 8).put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(chunk.getBytes(StandardCharsets.US_ASCII)).putInt(chunkSize);
        return b;
    }

    @Test
    void lossyVp8() {
        ByteBuffer b = riff("VP8 ", 10, 30);
        b.position(20);
        b.put(new byte[] { 0, 0, 0, (byte) 0x9d, 0x01, 0x2a }).putShort((short) 300).putShort((short) 200);
        assertEquals(new WebpHeader(300, 200), WebpHeader.parse(b.array()).orElseThrow());
    }

    @Test
    void losslessVp8l() {
        ByteBuffer b = riff("VP8L", 5, 30);
        b.position(20);
        b.put((byte) 0x2f).putInt((640 - 1) | ((480 - 1) << 14));
        assertEquals(new WebpHeader(640, 480), WebpHeader.parse(b.array()).orElseThrow());
    }

    @Test
    void extendedVp8x() {
        ByteBuffer b = riff("VP8X", 10, 30);
        b.position(24);
        int w = 2000 - 1;
        int h = 16 - 1;
        b.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16)).put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
        assertEquals(new WebpHeader(2000, 16), WebpHeader.parse(b.array()).orElseThrow());
    }

    @Test
    void lyingSizesMissingStartCodeAndUnknownChunksAreRejected() {
        ByteBuffer wrongRiffSize = riff("VP8L", 5, 30);
        wrongRiffSize.putInt(4, 1000);
        assertTrue(WebpHeader.parse(wrongRiffSize.array()).isEmpty());
        assertTrue(WebpHeader.parse(riff("VP8L", 500, 30).array()).isEmpty(), "chunk larger than the file");
        assertTrue(WebpHeader.parse(riff("VP8 ", 10, 30).array()).isEmpty(), "no VP8 start code");
        assertTrue(WebpHeader.parse(riff("ALPH", 10, 30).array()).isEmpty());
        assertTrue(WebpHeader.parse(new byte[] { 'R', 'I', 'F', 'F' }).isEmpty());
    }
}
