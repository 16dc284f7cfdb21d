package io.vigil.server.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * PEM certificates and keys turned into PKCS#12 key stores for components that only read key-store files (the
 * embedded broker). Each store gets a fresh random password and is written readable by its owner only.
 */
public final class KeyMaterial {
    private static final String ALIAS = "vigil";

    private KeyMaterial() {
    }

    /** A key store written to disk, and the password that opens it (and its key entry). */
    public record StoreFile(Path path, String password) {}

    /** Writes the server's certificate chain and private key (PEM) as a PKCS#12 key store. */
    public static StoreFile writeKeyStore(String certificate, String privateKey, String privateKeyPassword, Path path) {
        PemSslStore pem = load(PemSslStoreDetails.forCertificates(certificate).withPrivateKey(privateKey)
                .withPrivateKeyPassword(privateKeyPassword), "vigil.tls.certificate");
        if (pem.privateKey() == null) {
            throw new IllegalStateException("no private key in vigil.tls.private-key (env VIGIL_TLS_PRIVATE_KEY)");
        }
        String password = newPassword();
        return write(path, password, store -> store.setKeyEntry(ALIAS, pem.privateKey(), password.toCharArray(),
                pem.certificates().toArray(X509Certificate[]::new)));
    }

    /** Writes the trusted CA certificate(s) (PEM) as a PKCS#12 trust store. */
    public static StoreFile writeTrustStore(String certificates, String setting, Path path) {
        List<X509Certificate> trusted = load(PemSslStoreDetails.forCertificates(certificates), setting).certificates();
        return write(path, newPassword(), store -> {
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("ca-" + i, trusted.get(i));
            }
        });
    }

    private static PemSslStore load(PemSslStoreDetails details, String setting) {
        PemSslStore pem;
        try {
            pem = PemSslStore.load(details);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the PEM of " + setting + ": " + e.getMessage(), e);
        }
        if (pem == null || pem.certificates() == null || pem.certificates().isEmpty()) {
            throw new IllegalStateException("no certificate in " + setting);
        }
        return pem;
    }

    private interface Entries {
        void add(KeyStore store) throws GeneralSecurityException;
    }

    private static StoreFile write(Path path, String password, Entries entries) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            entries.add(store);
            Files.deleteIfExists(path);
            ownerOnly(path);
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
                store.store(out, password.toCharArray());
            }
            return new StoreFile(path, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key store " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the key store " + path + ": " + e.getMessage(), e);
        }
    }

    /** Creates an empty file readable and writable by its owner only (where the file system knows POSIX modes). */
    public static void ownerOnly(Path path) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
