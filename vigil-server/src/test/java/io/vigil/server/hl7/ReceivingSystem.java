package io.vigil.server.hl7;

import io.vigil.codec.hl7.Hl7Acknowledgement;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny EHR interface engine on a real socket: takes MLLP frames and answers each with an ACK. It rejects (AR)
 * the first delivery of every message, accepts (AA) the second, and always rejects messages whose PID-3 starts
 * with {@code NAK-}, so a sender must retry, and give up on some.
 */
final class ReceivingSystem implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

    ReceivingSystem() {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("receiving-system").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every message received, retries included, in order. */
    List<String> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            while (MllpFrames.read(in, 1 << 20) instanceof MllpFrames.Frame frame) {
                String message = new String(frame.content(), StandardCharsets.UTF_8);
                received.add(message);
                String controlId = message.split("\r")[0].split("\\|")[9];
                int delivery = deliveries.merge(controlId, 1, Integer::sum);
                boolean refuse = message.contains("\rPID|||NAK-") || delivery == 1;
                MllpFrames.write(connection.getOutputStream(), Hl7Acknowledgement.build(frame.content(),
                        refuse ? Hl7Acknowledgement.Code.AR : Hl7Acknowledgement.Code.AA,
                        refuse ? "busy, try again" : "filed", null, null, Instant.now(), "EHR-" + received.size()));
            }
        } catch (IOException e) {
            // the sender went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
