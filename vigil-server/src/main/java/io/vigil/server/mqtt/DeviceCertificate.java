package io.vigil.server.mqtt;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The device id a client certificate names: its subject's common name (CN). The chain was verified against the
 * device CA by the TLS layer before the CONNECT reaches Vigil; a subject with no CN, or with several, names no device.
 */
final class DeviceCertificate {
    private DeviceCertificate() {
    }

    static Optional<String> deviceId(X509Certificate certificate) {
        try {
            List<String> names = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                    .map(Rdn::getValue)
                    .map(String::valueOf)
                    .toList();
            return names.size() == 1 ? Optional.of(names.getFirst()) : Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
