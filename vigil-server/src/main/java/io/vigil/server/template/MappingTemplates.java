package io.vigil.server.template;

import io.vigil.codec.template.MappingTemplate;
import io.vigil.codec.template.ShippedTemplates;
import io.vigil.codec.template.TemplateCompilation;
import io.vigil.codec.template.TemplateCompiler;
import io.vigil.model.MeasurementRegistry;
import io.vigil.server.VigilProperties;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Every mapping template Vigil can use, by name: the shipped ones, the templates folder (read at start; a file
 * replaces a shipped template of the same name) and those an administrator stored through the API (database).
 * Each is compiled, and so validated, before it can map anything; a refused folder file is logged and skipped.
 */
@Service
public class MappingTemplates {
    private static final Logger log = LoggerFactory.getLogger(MappingTemplates.class);

    /** One usable template with where it came from; {@code updatedBy}/{@code updatedAt} only for API templates. */
    public record Entry(MappingTemplate template, TemplateOrigin origin, byte[] text, String updatedBy, Instant updatedAt) {
        public String name() {
            return template.name();
        }
    }

    /** What became of a {@code PUT}. */
    public sealed interface Change {
        record Stored(Entry entry, boolean created) implements Change {}

        record Refused(TemplateCompilation.Refused refusal) implements Change {}

        /** The name belongs to a shipped or folder template, which the API does not change. */
        record ReadOnly(TemplateOrigin origin) implements Change {}
    }

    private final TemplateCompiler compiler;
    private final TemplateStore store;
    private final Clock clock;
    private final Path folder;
    private final Duration refresh;
    private final ConcurrentMap<String, Entry> byName = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** API templates that no longer compile (e.g. after a registry change), by the version refused: logged once. */
    private final Map<String, Instant> refusedStored = new ConcurrentHashMap<>();
    private volatile Instant refreshedAt;

    MappingTemplates(MeasurementRegistry registry, TemplateStore store, Clock clock, TemplateProperties properties,
                     VigilProperties vigil) {
        this.compiler = new TemplateCompiler(registry);
        this.store = store;
        this.clock = clock;
        this.folder = properties.dir() != null && !properties.dir().toString().isEmpty()
                ? properties.dir() : vigil.dataDir().resolve("templates");
        this.refresh = properties.refresh();
        loadShipped();
        loadFolder();
        reloadStored(clock.instant());
    }

    /**
     * The template of this name, if there is a valid one. At most every {@code vigil.templates.refresh} the API
     * templates are re-read from the database first, so a change made through another node arrives here too.
     */
    public Optional<MappingTemplate> find(String name) {
        refreshIfDue();
        return entry(name).map(Entry::template);
    }

    public Optional<Entry> entry(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public List<Entry> all() {
        return byName.values().stream().sorted(Comparator.comparing(Entry::name)).toList();
    }

    /** The folder templates are read from. */
    public Path folder() {
        return folder;
    }

    /** Validates, then stores (database) and uses an API template; refuses invalid ones and read-only names. */
    public synchronized Change put(String name, byte[] text, String user) {
        Entry existing = byName.get(name);
        if (existing != null && existing.origin() != TemplateOrigin.API) {
            return new Change.ReadOnly(existing.origin());
        }
        if (!wellFormedUtf8(text)) {
            return new Change.Refused(new TemplateCompilation.Refused(0, 0, "The template is not UTF-8 text."));
        }
        return switch (compiler.compile(name, text)) {
            case TemplateCompilation.Refused refused -> new Change.Refused(refused);
            case TemplateCompilation.Compiled compiled -> {
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as the database keeps it
                boolean created = store.save(new TemplateStore.Stored(name, text, user, now));
                Entry entry = new Entry(compiled.template(), TemplateOrigin.API, text.clone(), user, now);
                byName.put(name, entry);
                log.info("event=template.stored name={} created={} by={}", name, created, user);
                yield new Change.Stored(entry, created);
            }
        };
    }

    /** Removes an API template; empty when there is none of this name, the origin when it is read-only. */
    public synchronized Optional<TemplateOrigin> delete(String name, String user) {
        Entry existing = byName.get(name);
        if (existing == null) {
            return Optional.empty();
        }
        if (existing.origin() == TemplateOrigin.API) {
            store.delete(name);
            byName.remove(name);
            log.info("event=template.deleted name={} by={}", name, user);
        }
        return Optional.of(existing.origin());
    }

    private void loadShipped() {
        for (String name : ShippedTemplates.names()) {
            byte[] text = ShippedTemplates.text(name).orElseThrow();
            compile(name, text, TemplateOrigin.SHIPPED, null, null, "classpath");
        }
    }

    private void loadFolder() {
        if (!Files.isDirectory(folder)) {
            log.info("event=template.folder_absent dir={}", folder);
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - ".json".length());
                compile(name, Files.readAllBytes(file), TemplateOrigin.FOLDER, null, null, file.toString());
            }
        } catch (IOException e) {
            log.warn("event=template.folder_unreadable dir={} error={}", folder, e.getClass().getSimpleName());
        }
    }

    private void refreshIfDue() {
        if (clock.instant().isBefore(refreshedAt.plus(refresh)) || !refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            reloadStored(clock.instant());
        } catch (DataAccessException e) {
            // Keep serving the templates already loaded; the next lookup after the interval tries again.
            refreshedAt = clock.instant();
            log.warn("event=template.refresh_failed error={}", e.getClass().getSimpleName());
        } finally {
            refreshing.set(false);
        }
    }

    /** Brings the API templates in line with the database: new and changed ones compiled, deleted ones dropped. */
    private synchronized void reloadStored(Instant now) {
        Map<String, TemplateStore.Stored> stored = new HashMap<>();
        store.all().forEach(template -> stored.put(template.name(), template));
        byName.values().removeIf(entry -> entry.origin() == TemplateOrigin.API && !stored.containsKey(entry.name()));
        for (TemplateStore.Stored template : stored.values()) {
            Entry existing = byName.get(template.name());
            if (existing != null && existing.origin() != TemplateOrigin.API) {
                if (refreshedAt == null) {
                    log.warn("event=template.shadowed name={} by={}", template.name(), existing.origin().label());
                }
                continue;
            }
            boolean changed = existing == null ? !template.updatedAt().equals(refusedStored.get(template.name()))
                    : !template.updatedAt().equals(existing.updatedAt());
            if (changed && !compile(template.name(), template.text(), TemplateOrigin.API, template.updatedBy(),
                    template.updatedAt(), "database")) {
                refusedStored.put(template.name(), template.updatedAt());
            }
        }
        refreshedAt = now;
    }

    /** Compiles and uses a template; false (and a log line) when it is refused. */
    private boolean compile(String name, byte[] text, TemplateOrigin origin, String user, Instant at, String from) {
        return switch (compiler.compile(name, text)) {
            case TemplateCompilation.Compiled compiled -> {
                byName.put(name, new Entry(compiled.template(), origin, text, user, at));
                log.info("event=template.loaded name={} origin={}", name, origin.label());
                yield true;
            }
            case TemplateCompilation.Refused refused -> {
                // A template names selectors and codes, never patient data: its reason may be logged.
                log.warn("event=template.refused name={} from={} line={} column={} reason=\"{}\"",
                        name, from, refused.line(), refused.column(), refused.reason());
                yield false;
            }
        };
    }

    private static boolean wellFormedUtf8(byte[] text) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
