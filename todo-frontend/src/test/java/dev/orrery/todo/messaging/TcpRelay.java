package dev.orrery.todo.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Forwards a local port to another: a broker address the test can take away and give back. */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TcpRelay(int listenPort, int targetPort) throws IOException {
        server = new ServerSocket(listenPort);
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket("127.0.0.1", targetPort);
                    sockets.add(client);
                    sockets.add(target);
                    pipe(client.getInputStream(), target.getOutputStream());
                    pipe(target.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                    // closed
                }
            }
        }, "tcp-relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    private static void pipe(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            }
        }, "tcp-relay-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
