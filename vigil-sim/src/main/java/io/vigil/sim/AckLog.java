package io.vigil.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The messages Vigil acknowledged (MQTT PUBACK success, HTTP 2xx), one line each as they are acknowledged:
 * {@code <device id> TAB <message id> TAB <readings>}. Durability is checked against it afterwards
 * ({@code vigil check-acks}): every line must be stored, each reading exactly once. Appends, so that a run
 * resumed after a kill adds to the same file; written from transport threads.
 */
public final class AckLog implements AutoCloseable {

    private final BufferedWriter out;

    private AckLog(BufferedWriter out) {
        this.out = out;
    }

    public static AckLog appendingTo(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new AckLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new SimulatorException("cannot write the ack log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Records the messages of one acknowledged payload. */
    synchronized void acknowledged(String deviceId, List<DeviceMessageStream.Sent> messages) {
        try {
            for (DeviceMessageStream.Sent message : messages) {
                out.write(deviceId);
                out.write('\t');
                out.write(message.id());
                out.write('\t');
                out.write(Integer.toString(message.readings()));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the ack log", e);
        }
    }

    /** Pushes what is buffered to the file (the progress loop calls it every few seconds). */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the ack log", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the ack log", e);
        }
    }
}
