package io.vigil.server.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Certificates the tests make for themselves (Bouncy Castle, EC P-256): certificate authorities, a server certificate
 * for localhost / 127.0.0.1, device client certificates (CN = device id), written as PEM where the server reads them.
 */
final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate with its key pair; {@code issuer} is null for a self-signed CA. */
    record Issued(X509Certificate certificate, KeyPair keys, Issued issuer) {

        /** A CA-signed server certificate for localhost and 127.0.0.1, valid from an hour ago for a day. */
        Issued server() {
            GeneralNames names = new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
            Instant now = Instant.now();
            return sign(this, "localhost", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), false,
                    KeyPurposeId.id_kp_serverAuth, names);
        }

        /** A device client certificate with the device id as its CN. */
        Issued device(String deviceId) {
            Instant now = Instant.now();
            return device(deviceId, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        }

        Issued device(String deviceId, Instant notBefore, Instant notAfter) {
            return sign(this, deviceId, notBefore, notAfter, false, KeyPurposeId.id_kp_clientAuth, null);
        }

        /** The certificate as PEM in {@code dir/name.crt} (with its issuer after it, as a chain), the key in {@code name.key}. */
        Path writeCertificate(Path dir, String name) {
            StringBuilder chain = new StringBuilder(pem("CERTIFICATE", encoded(certificate)));
            if (issuer != null) {
                chain.append(pem("CERTIFICATE", encoded(issuer.certificate)));
            }
            return write(dir.resolve(name + ".crt"), chain.toString());
        }

        Path writeKey(Path dir, String name) {
            return write(dir.resolve(name + ".key"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        }

        /**
         * A client that presents this certificate whatever CAs the server asks for — as a device with a foreign or
         * expired certificate would; the JDK's own key manager would quietly send none.
         */
        KeyManagerFactory keyManagers() {
            X509Certificate[] chain = issuer == null ? new X509Certificate[] {certificate}
                    : new X509Certificate[] {certificate, issuer.certificate};
            X509ExtendedKeyManager presenting = new X509ExtendedKeyManager() {
                @Override
                public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                    return "device";
                }

                @Override
                public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                    return "device";
                }

                @Override
                public X509Certificate[] getCertificateChain(String alias) {
                    return chain;
                }

                @Override
                public PrivateKey getPrivateKey(String alias) {
                    return keys.getPrivate();
                }

                @Override
                public String[] getClientAliases(String keyType, Principal[] issuers) {
                    return new String[] {"device"};
                }

                @Override
                public String[] getServerAliases(String keyType, Principal[] issuers) {
                    return new String[0];
                }

                @Override
                public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                    return null;
                }
            };
            KeyManagerFactorySpi spi = new KeyManagerFactorySpi() {
                @Override
                protected void engineInit(KeyStore store, char[] password) {
                }

                @Override
                protected void engineInit(ManagerFactoryParameters parameters) {
                }

                @Override
                protected KeyManager[] engineGetKeyManagers() {
                    return new KeyManager[] {presenting};
                }
            };
            return new KeyManagerFactory(spi, null, "vigil-test") { };
        }

        /** Trust in this CA only. */
        TrustManagerFactory trustManagers() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("ca", certificate);
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                return factory;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A TLS client context trusting this CA. */
        SSLContext clientContext() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trustManagers().getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestPki() {
    }

    /**
     * Registers Vigil's TLS settings for a test application: a server certificate from {@code ca} for localhost
     * (vigil.tls.*) and {@code ca} as the device CA (vigil.mqtt.tls.client-ca), as PEM files in a fresh folder.
     */
    static void serverSettings(DynamicPropertyRegistry registry, Issued ca) {
        Path pem;
        try {
            pem = Files.createTempDirectory("vigil-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Issued server = ca.server();
        String certificate = server.writeCertificate(pem, "server").toString();
        String key = server.writeKey(pem, "server").toString();
        String deviceCa = ca.writeCertificate(pem, "device-ca").toString();
        registry.add("vigil.tls.certificate", () -> certificate);
        registry.add("vigil.tls.private-key", () -> key);
        registry.add("vigil.mqtt.tls.client-ca", () -> deviceCa);
    }

    static Issued authority(String name) {
        Instant now = Instant.now();
        return sign(null, name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), true, null, null);
    }

    private static Issued sign(Issued issuer, String commonName, Instant notBefore, Instant notAfter, boolean ca,
                               KeyPurposeId purpose, GeneralNames names) {
        try {
            KeyPair keys = keyPair();
            X500Name subject = new X500Name("CN=" + commonName + ",O=Vigil tests");
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            KeyPair signer = issuer == null ? keys : issuer.keys;
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
            return new Issued(certificate, keys, issuer);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path write(Path path, String text) {
        try {
            return Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
