package io.vigil.server.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** MLLP framing (HL7 v2 appendix C): {@code 0x0B} message {@code 0x1C 0x0D}. */
final class MllpFrames {
    static final int START = 0x0B;
    static final int END = 0x1C;
    static final int CR = 0x0D;

    /** A frame read: its content, or why the stream is not usable any more. */
    sealed interface Read {}

    record Frame(byte[] content) implements Read {}

    /** The peer closed the connection between frames. */
    record Closed() implements Read {}

    /** The frame broke the limit or the framing; the connection must be closed after answering. */
    record Refused(String reason, byte[] start) implements Read {}

    private MllpFrames() {
    }

    /** Reads one frame; bytes before the start byte (stray newlines between frames) are skipped. */
    static Read read(InputStream in, int maxBytes) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return new Closed();
            }
        } while (b != START);
        ByteArrayOutputStream content = new ByteArrayOutputStream(1024);
        while (true) {
            b = in.read();
            if (b < 0) {
                return new Refused("The connection closed inside an MLLP frame (no 0x1C 0x0D end)", content.toByteArray());
            }
            if (b == END) {
                int next = in.read();
                if (next == CR) {
                    return new Frame(content.toByteArray());
                }
                return new Refused("An MLLP frame's 0x1C end byte was not followed by 0x0D", content.toByteArray());
            }
            if (b == START) {
                return new Refused("A new MLLP frame started (0x0B) before the previous one ended", content.toByteArray());
            }
            if (content.size() >= maxBytes) {
                return new Refused("The MLLP frame is larger than " + maxBytes + " bytes", content.toByteArray());
            }
            content.write(b);
        }
    }

    static void write(OutputStream out, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[body.length + 3];
        frame[0] = START;
        System.arraycopy(body, 0, frame, 1, body.length);
        frame[body.length + 1] = END;
        frame[body.length + 2] = CR;
        out.write(frame);
        out.flush();
    }
}
