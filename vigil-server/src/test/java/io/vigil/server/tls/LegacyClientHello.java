package io.vigil.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;

/**
 * A TLS 1.1 ClientHello written byte by byte (RFC 4346 §7.4.1.2), because the JDK's own client refuses to offer TLS 1.1
 * at all. The server's first answer tells whether it would speak TLS 1.1: a ServerHello (record type 22) or a fatal
 * alert (record type 21) with its description (70 = protocol_version).
 */
final class LegacyClientHello {
    /** The server's first record: its type, and for an alert its description (else -1); type -1 if it just closed. */
    record Answer(int recordType, int alertDescription) {
        static final int HANDSHAKE = 22;
        static final int ALERT = 21;
        static final int PROTOCOL_VERSION = 70;
    }

    private LegacyClientHello() {
    }

    static Answer send(String host, int port) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(hello());
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            int type = data.read();
            if (type < 0) {
                return new Answer(-1, -1);
            }
            data.readUnsignedShort(); // record version
            int length = data.readUnsignedShort();
            byte[] body = data.readNBytes(length);
            return new Answer(type, type == Answer.ALERT && body.length >= 2 ? body[1] & 0xff : -1);
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer to the ClientHello within 10 s", e);
        } catch (java.io.EOFException | java.net.SocketException e) {
            return new Answer(-1, -1);
        }
    }

    private static byte[] hello() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(2); // client_version TLS 1.1
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        int[] suites = {0xc009, 0xc013, 0xc00a, 0xc014, 0x002f, 0x0035}; // ECDHE-ECDSA/RSA and RSA with AES-CBC-SHA
        short16(body, suites.length * 2);
        for (int suite : suites) {
            short16(body, suite);
        }
        body.write(1);
        body.write(0); // compression: null
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        short16(extensions, 0x000a); // supported_groups: secp256r1
        short16(extensions, 4);
        short16(extensions, 2);
        short16(extensions, 0x0017);
        short16(extensions, 0x000b); // ec_point_formats: uncompressed
        short16(extensions, 2);
        extensions.write(1);
        extensions.write(0);
        short16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22); // handshake
        record.write(3);
        record.write(2); // record version TLS 1.1
        short16(record, body.size() + 4);
        record.write(1); // client_hello
        record.write(0);
        short16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }
}
