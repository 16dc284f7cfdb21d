package io.vigil.server.ingest;

import io.vigil.codec.DecodeResult;
import java.util.concurrent.CompletableFuture;

/**
 * Where waveform frames go after the ingest pipeline's rate and size checks (implemented by the waveform feature).
 * A frame it cannot take comes back as a failure, which the pipeline dead-letters and answers like any refused
 * payload; a taken frame's future completes after it is durably stored.
 */
public interface WaveformSink {
    DecodeResult<CompletableFuture<IngestResult>> store(IngestRequest request, PayloadFormat.Waveform format);
}
