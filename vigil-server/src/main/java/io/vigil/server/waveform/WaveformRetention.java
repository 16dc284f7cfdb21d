package io.vigil.server.waveform;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Deletes waveform frames received longer ago than {@code vigil.waveform.retention}, every
 * {@code vigil.waveform.purge-every}. Vitals (observations), including the heart rate derived from the ECG, stay.
 */
@Component
class WaveformRetention implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WaveformRetention.class);

    private final WaveformStore store;
    private final WaveformProperties properties;
    private final Clock clock;
    private volatile ScheduledExecutorService timer;

    WaveformRetention(WaveformStore store, WaveformProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes what is past retention now; answers how many frames went. */
    int purge() {
        int deleted = store.purgeBefore(clock.instant().minus(properties.retention()));
        if (deleted > 0) {
            log.info("event=waveform.purged frames={}", deleted);
        }
        return deleted;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vigil-waveform-retention").factory());
        long every = properties.purgeEvery().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                purge();
            } catch (DataAccessException e) {
                log.warn("event=waveform.purge_failed error={}", e.getClass().getSimpleName());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = timer;
        timer = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
