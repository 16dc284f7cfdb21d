package io.vigil.server.rule;

import io.vigil.model.ObservationRecord;
import io.vigil.server.alert.Listening;
import io.vigil.server.observation.ObservationEvents;
import java.util.List;

/** A rule source fed with the stored readings after commit, in commit order, while the application runs. */
abstract class ReadingSubscriber extends Listening {
    private final ObservationEvents events;

    ReadingSubscriber(ObservationEvents events) {
        this.events = events;
    }

    /** One committed batch of stored readings, on the observation dispatch thread. */
    abstract void onStored(List<ObservationRecord> stored);

    @Override
    protected AutoCloseable listen() {
        return events.subscribe(this::onStored);
    }
}
