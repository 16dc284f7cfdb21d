package io.vigil.server.export;

import io.vigil.fhir.FhirJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** A job's files: {@code <Type>.ndjson} in the job's directory, one compact JSON resource per line, written as they come. */
final class NdjsonFiles implements AutoCloseable {
    private final Path directory;
    private final Map<String, Writer> writers = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    NdjsonFiles(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    static String fileName(String type) {
        return type + ".ndjson";
    }

    void add(IBaseResource resource) throws IOException {
        String type = resource.fhirType();
        Writer writer = writers.get(type);
        if (writer == null) {
            writer = new BufferedWriter(Files.newBufferedWriter(directory.resolve(fileName(type)), StandardCharsets.UTF_8),
                    64 * 1024);
            writers.put(type, writer);
        }
        writer.write(FhirJson.encode(resource));
        writer.write('\n');
        counts.merge(type, 1L, Long::sum);
    }

    /** The files written, in the order of {@code types} (types with no resource have no file). */
    List<ExportJob.Output> outputs(List<String> types) {
        List<ExportJob.Output> outputs = new ArrayList<>();
        for (String type : types) {
            Long count = counts.get(type);
            if (count != null) {
                outputs.add(new ExportJob.Output(type, fileName(type), count));
            }
        }
        return outputs;
    }

    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (Writer writer : writers.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
