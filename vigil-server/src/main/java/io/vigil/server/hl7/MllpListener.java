package io.vigil.server.hl7;

import io.vigil.server.api.ApiErrors;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The MLLP listener: one virtual thread per connection, frames answered in order with the ACK, each ACK sent
 * only once its readings are stored. MLLP has no authentication: the listener binds to loopback unless told
 * otherwise, and a peer outside {@code vigil.hl7.allowed-senders} gets an AR and is disconnected.
 */
public class MllpListener implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

    private final Hl7Intake intake;
    private final Hl7Properties properties;
    private final Set<InetAddress> allowedSenders;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private ExecutorService threads;

    MllpListener(Hl7Intake intake, Hl7Properties properties) {
        this.intake = intake;
        this.properties = properties;
        this.allowedSenders = addresses(properties.allowedSenders());
    }

    /** The bound port (the chosen one when configured as 0). */
    public int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    public String host() {
        return properties.host();
    }

    @Override
    public void start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(properties.host()), properties.port()));
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("HL7 MLLP listener cannot bind " + properties.host() + ":" + properties.port(), e);
        }
        threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vigil-mllp-", 0).factory());
        threads.execute(this::accept);
        log.info("event=hl7.mllp_listening host={} port={}", properties.host(), port());
    }

    @Override
    public void stop() {
        ServerSocket socket = server;
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            log.debug("event=hl7.mllp_close_failed", e);
        }
        for (Socket connection : connections) {
            close(connection);
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    /** Not stopped when a context is paused: senders hold its port; a paused test context keeps the listener (idle) rather than rebind elsewhere. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public boolean isRunning() {
        ServerSocket socket = server;
        return socket != null && !socket.isClosed();
    }

    private void accept() {
        while (isRunning()) {
            try {
                Socket connection = server.accept();
                if (connections.size() >= properties.maxConnections()) {
                    log.warn("event=hl7.mllp_connection_refused peer={} open={}",
                            connection.getInetAddress().getHostAddress(), connections.size());
                    close(connection);
                    continue;
                }
                connections.add(connection);
                threads.execute(() -> serve(connection));
            } catch (IOException e) {
                if (isRunning()) {
                    log.warn("event=hl7.mllp_accept_failed error={}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket connection) {
        String peer = connection.getInetAddress().getHostAddress();
        String topic = "mllp://" + peer;
        try (connection) {
            connection.setSoTimeout((int) Math.min(Integer.MAX_VALUE, properties.idleTimeout().toMillis()));
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            boolean allowed = allowedSenders.isEmpty() || allowedSenders.contains(connection.getInetAddress());
            while (true) {
                MllpFrames.Read read = MllpFrames.read(in, properties.maxFrameBytes());
                switch (read) {
                    case MllpFrames.Closed closed -> {
                        return;
                    }
                    case MllpFrames.Refused refused -> {
                        byte[] start = Arrays.copyOf(refused.start(), Math.min(refused.start().length, 4096));
                        MllpFrames.write(out, intake.refuse(start, topic, ApiErrors.HL7_FRAME_REFUSED, refused.reason()).acknowledgement());
                        log.info("event=hl7.mllp_frame_refused peer={} reason=\"{}\"", peer, refused.reason());
                        return;
                    }
                    case MllpFrames.Frame frame when !allowed -> {
                        MllpFrames.write(out, intake.refuse(frame.content(), topic, ApiErrors.HL7_SENDER_NOT_ALLOWED,
                                "This address may not send HL7 to Vigil (vigil.hl7.allowed-senders)").acknowledgement());
                        log.info("event=hl7.mllp_sender_refused peer={}", peer);
                        return;
                    }
                    case MllpFrames.Frame frame -> {
                        MllpFrames.write(out, intake.receive(frame.content(), topic).get().acknowledgement());
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            log.debug("event=hl7.mllp_idle_closed peer={}", peer);
        } catch (SocketException e) {
            log.debug("event=hl7.mllp_connection_closed peer={}", peer);
        } catch (IOException e) {
            log.info("event=hl7.mllp_connection_failed peer={} error={}", peer, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("event=hl7.mllp_store_failed peer={}", peer, e.getCause());
        } finally {
            connections.remove(connection);
        }
    }

    /** The allow-list as addresses, so that ::1 and 0:0:0:0:0:0:0:1 are the same sender. */
    private static Set<InetAddress> addresses(java.util.List<String> senders) {
        Set<InetAddress> addresses = new java.util.HashSet<>();
        for (String sender : senders) {
            try {
                addresses.add(InetAddress.getByName(sender.trim()));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("vigil.hl7.allowed-senders: '" + sender + "' is not an address", e);
            }
        }
        return Set.copyOf(addresses);
    }

    private static void close(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            log.debug("event=hl7.mllp_close_failed", e);
        }
    }
}
