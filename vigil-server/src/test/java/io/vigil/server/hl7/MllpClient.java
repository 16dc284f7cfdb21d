package io.vigil.server.hl7;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A sending system's side of MLLP over a real socket: frame a message, wait for the ACK frame. */
final class MllpClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    MllpClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends raw bytes as they are (for broken framing), then reads the answer frame. */
    String sendRaw(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return readAck();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String send(String message) {
        try {
            MllpFrames.write(socket.getOutputStream(), message);
            return readAck();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readAck() throws IOException {
        MllpFrames.Read read = MllpFrames.read(in, 1 << 20);
        if (read instanceof MllpFrames.Frame frame) {
            return new String(frame.content(), StandardCharsets.UTF_8);
        }
        throw new IOException("no ACK frame: " + read);
    }

    /** True when the server has closed its side. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
