package io.vigil.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** The Mosquitto these machines run on 127.0.0.1:1883, when it is there: tests that need it are skipped otherwise. */
final class MosquittoBroker {

    static final URI URI = java.net.URI.create("mqtt://127.0.0.1:1883");

    private MosquittoBroker() {
    }

    static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 1883), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
