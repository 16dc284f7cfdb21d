package io.vigil.analytics.ecg.wfdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A WFDB record read from a folder: header, format-212 signals ([signal][sample]) and reference
 * annotations ({@code .atr}).
 */
public record WfdbRecord(RecordHeader header, int[][] signals, List<Annotation> annotations) {

    public WfdbRecord {
        annotations = List.copyOf(annotations);
    }

    /** Reads {@code name.hea}, the signal file it names, and {@code name.atr} from {@code folder}. */
    public static WfdbRead<WfdbRecord> read(Path folder, String name) {
        try {
            var header = HeaderParser.parse(Files.readString(folder.resolve(name + ".hea"), StandardCharsets.US_ASCII));
            if (!(header instanceof WfdbRead.Ok<RecordHeader>(RecordHeader h))) {
                return WfdbRead.failure(((WfdbRead.Failure<RecordHeader>) header).reason(), 0);
            }
            if (h.signals().isEmpty() || h.signals().stream().anyMatch(s -> s.format() != 212
                    || !s.fileName().equals(h.signals().getFirst().fileName()))) {
                return WfdbRead.failure("only records with all signals in one format-212 file are supported", 0);
            }
            byte[] dat = Files.readAllBytes(folder.resolve(h.signals().getFirst().fileName()));
            var signals = Format212.decode(dat, h.signals().size(), h.samplesPerSignal());
            var annotations = AnnotationReader.decode(Files.readAllBytes(folder.resolve(name + ".atr")));
            return switch (signals) {
                case WfdbRead.Failure<int[][]> f -> WfdbRead.failure(f.reason(), f.offset());
                case WfdbRead.Ok<int[][]> s -> switch (annotations) {
                    case WfdbRead.Failure<List<Annotation>> f -> WfdbRead.failure(f.reason(), f.offset());
                    case WfdbRead.Ok<List<Annotation>> a -> WfdbRead.ok(new WfdbRecord(h, s.value(), a.value()));
                };
            };
        } catch (IOException e) {
            return WfdbRead.failure("cannot read record " + name + ": " + e.getMessage(), 0);
        }
    }

    /** Sample indices of the reference beat annotations. */
    public long[] referenceBeats() {
        return annotations.stream().filter(Annotation::isBeat).mapToLong(Annotation::sample).toArray();
    }
}
