package io.vigil.server.export;

import java.io.IOException;
import java.util.List;

/** What an export contains: the FHIR side (which resources, mapped how, visible to whom) behind the job machinery. */
public interface ExportContent {
    /** The resource types an export may contain, in the order they are written. */
    List<String> types();

    /** Writes the request's resources to the sink; returns early once the sink says the export was cancelled. */
    void write(ExportRequest request, ExportSink sink) throws IOException;
}
