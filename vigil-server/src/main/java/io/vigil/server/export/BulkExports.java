package io.vigil.server.export;

import io.vigil.server.VigilProperties;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * FHIR Bulk Data exports: kicked off, run one at a time on a thread of their own, polled, downloaded, cancelled, and
 * deleted {@code vigil.export.retention} after they finish. Resources are streamed to NDJSON files under
 * {@code <data-dir>/exports/<job>} as they are read, so an export's size is bounded by the disk, not the heap.
 * <p>
 * Jobs live in this process: a restart forgets them and deletes their files (a client polling one gets 404 and kicks
 * off again, as the Bulk Data IG expects of an expired export).
 * <p>
 * Audited: {@code export.started}, one {@code export.patient} per patient whose data an export contains (so the
 * patient's access report lists it), then {@code export.completed}, {@code export.failed} or {@code export.cancelled}.
 */
@Component
public class BulkExports implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(BulkExports.class);

    private final ExportProperties properties;
    private final ExportContent content;
    private final AuditTrail audit;
    private final Clock clock;
    private final Path root;
    private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("vigil-export").daemon().unstarted(task));
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("vigil-export-sweep").daemon().unstarted(task));

    BulkExports(ExportProperties properties, VigilProperties vigil, ExportContent content, AuditTrail audit, Clock clock) {
        this.properties = properties;
        this.content = content;
        this.audit = audit;
        this.clock = clock;
        this.root = vigil.dataDir().resolve("exports");
        deleteQuietly(root); // the files of jobs a previous run forgot
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    /** The resource types an export may contain. */
    public java.util.List<String> types() {
        return content.types();
    }

    /** Queues an export; 429 VIGIL-1841 when {@code vigil.export.max-jobs} exports are running or downloadable. */
    public ExportJob start(ExportRequest request, String clientAddress) {
        sweep();
        if (jobs.size() >= properties.maxJobs()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ApiErrors.EXPORT_BUSY,
                    "Too many bulk exports are running or waiting to be downloaded; try again later", null);
        }
        String id = UUID.randomUUID().toString();
        ExportJob job = new ExportJob(id, request, clock.instant(), root.resolve(id));
        jobs.put(id, job);
        record(job, "export.started", null, AuditEvent.Outcome.SUCCESS, clientAddress);
        log.info("event=export.started job={} level={} types={} actor={}", id, request.level(), request.types(),
                job.owner());
        writer.execute(() -> run(job, clientAddress));
        return job;
    }

    /** The caller's own export (anyone else's, like an expired one, is not known). */
    public Optional<ExportJob> find(String id, Authentication caller) {
        ExportJob job = id == null ? null : jobs.get(id);
        return job != null && job.owner().equals(caller.getName()) ? Optional.of(job) : Optional.empty();
    }

    /** Cancels a running export or deletes a finished one's files; false if the caller has no such export. */
    public boolean cancel(String id, Authentication caller, String clientAddress) {
        Optional<ExportJob> found = find(id, caller);
        found.ifPresent(job -> {
            jobs.remove(job.id());
            job.cancel();
            if (job.status() != ExportJob.Status.RUNNING) {
                deleteQuietly(job.directory());
            }
            record(job, "export.cancelled", null, AuditEvent.Outcome.SUCCESS, clientAddress);
        });
        return found.isPresent();
    }

    /** A file of the caller's complete export, if it is one of its outputs. */
    public Optional<Path> file(ExportJob job, String name) {
        if (job.status() != ExportJob.Status.COMPLETE || job.outputs().stream().noneMatch(o -> o.file().equals(name))) {
            return Optional.empty();
        }
        return Optional.of(job.directory().resolve(name));
    }

    /** When a finished export's files are deleted. */
    public Instant expiresAt(ExportJob job) {
        Instant finished = job.finishedAt();
        return finished == null ? null : finished.plus(properties.retention());
    }

    public java.time.Duration retryAfter() {
        return properties.retryAfter();
    }

    private void run(ExportJob job, String clientAddress) {
        if (job.cancelled()) {
            return;
        }
        job.progress("writing");
        try (NdjsonFiles files = new NdjsonFiles(job.directory())) {
            content.write(job.request(), new ExportSink() {
                @Override
                public Instant transactionTime() {
                    return job.transactionTime();
                }

                @Override
                public void add(IBaseResource resource) throws IOException {
                    files.add(resource);
                }

                @Override
                public void patientExported(String patientId) {
                    record(job, "export.patient", patientId, AuditEvent.Outcome.SUCCESS, clientAddress);
                }

                @Override
                public void progress(String text) {
                    job.progress(text);
                }

                @Override
                public boolean cancelled() {
                    return job.cancelled();
                }
            });
            files.close();
            if (job.cancelled()) {
                deleteQuietly(job.directory());
                return;
            }
            job.complete(files.outputs(job.request().types()), clock.instant());
            record(job, "export.completed", null, AuditEvent.Outcome.SUCCESS, clientAddress);
            log.info("event=export.completed job={} files={}", job.id(), job.outputs().size());
        } catch (IOException | RuntimeException e) {
            job.fail(clock.instant());
            deleteQuietly(job.directory());
            record(job, "export.failed", null, AuditEvent.Outcome.ERROR, clientAddress);
            log.error("event=export.failed job={}", job.id(), e);
        }
    }

    private void record(ExportJob job, String action, String patientId, AuditEvent.Outcome outcome, String clientAddress) {
        Authentication caller = job.request().caller();
        String role = java.util.Arrays.stream(Role.values()).filter(r -> r.heldBy(caller)).map(Role::key).findFirst()
                .orElse(null);
        String level = switch (job.request().level()) {
            case SYSTEM -> "GET /fhir/$export";
            case PATIENT -> "GET /fhir/Patient/$export";
            case GROUP -> "GET /fhir/Group/{id}/$export";
        };
        audit.record(new AuditEvent(clock.instant(), caller.getName(), role, action, "Export", job.id(), patientId,
                outcome, clientAddress, level));
    }

    /** Forgets and deletes the exports whose retention has passed. */
    void sweep() {
        Instant now = clock.instant();
        for (ExportJob job : jobs.values()) {
            Instant expires = expiresAt(job);
            if (expires != null && !now.isBefore(expires)) {
                jobs.remove(job.id());
                deleteQuietly(job.directory());
                log.info("event=export.expired job={}", job.id());
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("event=export.delete_failed dir={}", directory, e);
        }
    }

    @Override
    public void destroy() {
        jobs.values().forEach(ExportJob::cancel);
        writer.shutdownNow();
        sweeper.shutdownNow();
    }
}
