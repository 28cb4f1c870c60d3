package dev.orrery.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, so a test controls exactly what it sends (Host, Origin) and when it reads:
 * it can stop reading altogether, with a small receive buffer, like a browser tab that stalled.
 */
final class RawWebSocket implements AutoCloseable {

    record Frame(boolean fin, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The status line and headers of the answer to the upgrade request. */
    final String head;
    /** The body after a refused upgrade (empty after 101). */
    final String refusalBody;

    private RawWebSocket(Socket socket, String head, String refusalBody) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.head = head;
        this.refusalBody = refusalBody;
    }

    /** @param origin null for no Origin header */
    static RawWebSocket open(int port, String path, String host, String origin, String cookies, int receiveBuffer)
            throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        socket.setSoTimeout(15_000);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nCookie: " + cookies + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        String body = "";
        if (!headText.startsWith("HTTP/1.1 101")) {
            var length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(headText);
            if (length.find()) {
                byte[] bytes = new byte[Integer.parseInt(length.group(1))];
                in.readFully(bytes);
                body = new String(bytes, StandardCharsets.UTF_8);
            }
        }
        return new RawWebSocket(socket, headText, body);
    }

    int status() {
        return Integer.parseInt(head.substring(9, 12));
    }

    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
