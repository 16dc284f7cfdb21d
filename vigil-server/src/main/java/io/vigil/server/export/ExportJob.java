package io.vigil.server.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One bulk export: who asked for what, how far it is, and — once complete — its files. Read by the polling client
 * while the writer thread updates it; every field that changes is volatile.
 */
public final class ExportJob {
    public enum Status { RUNNING, COMPLETE, FAILED }

    /** One NDJSON file of the manifest: its resource type, file name and number of resources (lines). */
    public record Output(String type, String file, long count) {}

    private final String id;
    private final ExportRequest request;
    private final Instant transactionTime;
    private final Path directory;
    private volatile Status status = Status.RUNNING;
    private volatile String progress = "queued";
    private volatile List<Output> outputs = List.of();
    private volatile Instant finishedAt;
    private volatile boolean cancelled;

    ExportJob(String id, ExportRequest request, Instant transactionTime, Path directory) {
        this.id = id;
        this.request = request;
        this.transactionTime = transactionTime;
        this.directory = directory;
    }

    public String id() {
        return id;
    }

    public ExportRequest request() {
        return request;
    }

    /** When the export began: it contains what was stored by then (and possibly a little more). */
    public Instant transactionTime() {
        return transactionTime;
    }

    public Status status() {
        return status;
    }

    public String progress() {
        return progress;
    }

    public List<Output> outputs() {
        return outputs;
    }

    /** The caller's name: only they may poll, download and cancel. */
    public String owner() {
        return request.caller().getName();
    }

    Path directory() {
        return directory;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    void progress(String text) {
        progress = text;
    }

    void complete(List<Output> written, Instant at) {
        outputs = List.copyOf(written);
        finishedAt = at;
        status = Status.COMPLETE;
    }

    void fail(Instant at) {
        finishedAt = at;
        status = Status.FAILED;
    }
}
