package io.vigil.server.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters a search accepts, checked before it runs: anything else — an unknown name, a chain
 * ({@code patient.name}), a modifier Vigil does not implement, {@code _include}, {@code _lastUpdated} — is refused
 * with 400 and the list of what is supported, never silently ignored (a client must not believe it filtered).
 */
final class SearchParameters {
    /** How the answer is written: any read, search or operation takes these. */
    static final Set<String> FORMAT = Set.of("_format", "_pretty", "_summary", "_elements");
    /** Paging of a search. */
    static final Set<String> PAGING = Set.of("_count", "_offset", "_total");
    private static final Set<String> TOTALS = Set.of("none", "estimate", "accurate");

    private SearchParameters() {
    }

    /** A search's parameters: its own (exactly as written, modifiers included), {@link #FORMAT} and {@link #PAGING}. */
    static Set<String> search(String... own) {
        Set<String> all = new TreeSet<>(Set.of(own));
        all.addAll(FORMAT);
        all.addAll(PAGING);
        return Set.copyOf(all);
    }

    /** An operation's parameters: its own and {@link #FORMAT}. */
    static Set<String> operation(String... own) {
        Set<String> all = new TreeSet<>(Set.of(own));
        all.addAll(FORMAT);
        return Set.copyOf(all);
    }

    /** Refuses any parameter outside {@code supported}. */
    static void requireOnly(RequestDetails request, Set<String> supported) {
        for (String name : request.getParameters().keySet()) {
            if (!supported.contains(name)) {
                throw FhirRefusals.invalid("The parameter '" + name + "' is not supported here; supported: "
                        + String.join(", ", new TreeSet<>(supported)));
            }
        }
        String[] total = request.getParameters().get("_total");
        if (total != null && (total.length != 1 || !TOTALS.contains(total[0]))) {
            throw FhirRefusals.invalid("_total must be none, estimate or accurate");
        }
    }
}
