package org.learningloop.reporting.projection;

import java.util.Locale;

/** Names of the generation schemas: {@code proj_<name>_g<generation>}. */
final class Schemas {

    private Schemas() {
    }

    static String of(String projection, int generation) {
        return "proj_" + projection.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_g" + generation;
    }

    /** Quotes an identifier (the names are ours, but quoting keeps them identifiers whatever they hold). */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
