package io.vigil.server.web;

import io.vigil.analytics.news2.News2Score;
import io.vigil.model.ObservationRecord;
import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.access.PatientScope;
import io.vigil.server.api.ApiException;
import io.vigil.server.clinical.News2Scores;
import io.vigil.server.observation.ObservationStore;
import io.vigil.server.patient.PatientStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Builds what the ward page shows: a unit's tiles with each patient's latest vitals, and the unattributed devices —
 * only what the caller may see ({@link WardViewer}). A unit the caller may not open is answered 404, like a unit
 * that does not exist.
 */
@Component
class WardBoard {
    /** The pseudo-unit that shows every patient. */
    static final String ALL = "all";
    static final String DEFAULT_UNIT = "ward-a";

    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
    /** Unit, then bed (numbers in numeric order, no bed last), then family and given name. */
    static final Comparator<PatientRecord> ORDER = Comparator
            .comparing(PatientRecord::unit, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(PatientRecord::bed, Comparator.nullsLast(WardBoard::compareBeds))
            .thenComparing(PatientRecord::family, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(PatientRecord::given, Comparator.nullsLast(Comparator.<String>naturalOrder()));

    private final PatientStore patients;
    private final ObservationStore observations;
    private final WardDirectory directory;
    private final PatientAccess access;
    private final WardProperties settings;
    private final News2Scores news2;
    private final Clock clock;

    WardBoard(PatientStore patients, ObservationStore observations, WardDirectory directory, PatientAccess access,
              WardProperties settings, News2Scores news2, Clock clock) {
        this.patients = patients;
        this.news2 = news2;
        this.access = access;
        this.observations = observations;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    /** What this caller may see, as of now. */
    WardViewer viewer(Authentication caller) {
        PatientScope scope = access.scopeOf(caller);
        SortedSet<String> units = new TreeSet<>(scope.units());
        units.addAll(patients.unitsOf(scope.patients()));
        return new WardViewer(scope, units, access.seesUnattributed(caller));
    }

    /**
     * The unit to show: the requested one if the viewer may open it (404 otherwise); without a request
     * {@value #DEFAULT_UNIT} if they may open it, else {@code all}.
     */
    static String unitFor(WardViewer viewer, String requested) {
        if (requested == null || requested.isBlank()) {
            return viewer.mayOpen(DEFAULT_UNIT) ? DEFAULT_UNIT : ALL;
        }
        String unit = checkedUnit(requested);
        if (!viewer.mayOpen(unit)) {
            throw ApiException.notFound("Unit");
        }
        return unit;
    }

    /**
     * The unit's tiles with the latest vitals (and NEWS2) of every patient the viewer may see, and the unattributed
     * devices.
     */
    WardView view(String unit, WardViewer viewer) {
        String serverTime = clock.instant().toString();
        List<BedTile> tiles = patients.admittedInScope(viewer.scope(), ALL.equals(unit) ? null : unit).stream()
                .sorted(ORDER)
                .map(patient -> {
                    List<ObservationRecord> latest = observations.latest(patient.id(), WardVital.types());
                    return tile(patient, latest, news2.of(patient.id(), latest).score());
                })
                .toList();
        List<UnattributedDevice> unattributed = viewer.devices() ? directory.unattributed(settings.unattributedShown()) : List.of();
        return new WardView(unit, serverTime, tiles, unattributed);
    }

    /** The patient's tile with the newest of the given observations for each vital it shows, and their NEWS2 now. */
    BedTile tile(PatientRecord patient, Collection<ObservationRecord> records) {
        return tile(patient, records, news2.current(patient.id()).score());
    }

    private BedTile tile(PatientRecord patient, Collection<ObservationRecord> records, News2Score score) {
        Map<WardVital, ObservationRecord> newest = new EnumMap<>(WardVital.class);
        for (ObservationRecord record : records) {
            WardVital.of(record.measurement().type().alias())
                    .ifPresent(vital -> newest.merge(vital, record, WardBoard::newer));
        }
        List<VitalReading> vitals = newest.entrySet().stream()
                .map(entry -> entry.getKey().reading(entry.getValue(), settings))
                .toList();
        return new BedTile(patient.id(), patient.unit(), patient.bed(), name(patient), age(patient.birthDate()),
                patient.sex(), patient.mrn(), vitals, score.subscores().isEmpty() ? null
                        : new BedTile.News2Badge(score.total(), score.bandAtLeast().code(), score.complete()));
    }

    /** Whether a view of {@code unit} shows a patient of {@code patientUnit}. */
    static boolean shows(String unit, String patientUnit) {
        return ALL.equals(unit) || unit.equals(patientUnit);
    }

    /** The requested unit, refused when it cannot be a unit name. */
    private static String checkedUnit(String unit) {
        if (!UNIT.matcher(unit).matches()) {
            throw ApiException.invalid("unit", "A unit is 1–64 characters of A–Z, a–z, 0–9, '.', '_', '-'");
        }
        return unit;
    }

    private Integer age(LocalDate birthDate) {
        return birthDate == null ? null : Period.between(birthDate, LocalDate.now(clock)).getYears();
    }

    private static String name(PatientRecord patient) {
        return String.join(" ", Stream.of(patient.given(), patient.family())
                .filter(Objects::nonNull).filter(part -> !part.isBlank()).toList());
    }

    private static ObservationRecord newer(ObservationRecord a, ObservationRecord b) {
        int byTime = a.measurement().time().compareTo(b.measurement().time());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return Long.parseLong(a.id()) >= Long.parseLong(b.id()) ? a : b;
    }

    /** Numbered beds first in numeric order ("2" before "10"), then the others alphabetically. */
    private static int compareBeds(String a, String b) {
        boolean numberedA = DIGITS.matcher(a).matches();
        boolean numberedB = DIGITS.matcher(b).matches();
        if (numberedA && numberedB) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        if (numberedA != numberedB) {
            return numberedA ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
