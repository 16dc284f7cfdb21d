package io.vigil.server.export;

import java.io.IOException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Where an export's resources go: one NDJSON file per resource type. */
public interface ExportSink {
    /** When the export began: resources stored after it are left out. */
    java.time.Instant transactionTime();

    /** Appends the resource as one line of its type's file. */
    void add(IBaseResource resource) throws IOException;

    /** Notes that this patient's data is part of the export (each is audited). */
    void patientExported(String patientId);

    /** Says how far the export is, for {@code X-Progress} (no patient data). */
    void progress(String text);

    /** Whether the export was cancelled: the writer stops at its next check. */
    boolean cancelled();
}
