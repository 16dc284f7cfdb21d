package io.vigil.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Example payloads published by vendors and projects, read from vigil-codec's test jar (where its tests use them). */
final class PublishedPayloads {
    /** The Mindray VS-900 PCD-01 ORU^R01 (source in vigil-codec's Pcd01Samples), as the HL7 fuzz target's seed. */
    static final String MINDRAY_VS900 = "/io/vigil/codec/hl7/Hl7FuzzTestInputs/"
            + "decode_anyBytes_answersWithAMessageOrACodedRefusal/mindray-vs900";
    /** Withings' published Measure - Getmeas answer (source in vigil-codec's examples/README.md). */
    static final String WITHINGS_GETMEAS = "/io/vigil/codec/template/examples/withings-getmeas.json";

    private PublishedPayloads() {
    }

    static byte[] read(String resource) {
        try (InputStream in = PublishedPayloads.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " (built from vigil-codec's test jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
