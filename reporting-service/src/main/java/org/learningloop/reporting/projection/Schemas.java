package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.List;
import java.util.Locale;

/** The generation schemas: their names ({@code proj_<name>_g<generation>}) and their creation from a projection's DDL. */
final class Schemas {

    private Schemas() {
    }

    static String of(String projection, int generation) {
        return "proj_" + projection.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_g" + generation;
    }

    /**
     * Creates {@code schema} holding {@code projection}'s empty tables ({@link Projection#ddl()}, unqualified names) and
     * its read indexes, in {@code tx}; the search path stays on the schema (then {@code public}) until the
     * transaction ends.
     */
    static Uni<Void> create(SqlConnection tx, String schema, Projection projection) {
        return create(tx, schema, projection, true);
    }

    /** As {@link #create(SqlConnection, String, Projection)}; without the read indexes unless {@code readIndexes}. */
    static Uni<Void> create(SqlConnection tx, String schema, Projection projection, boolean readIndexes) {
        return tx.query("create schema " + quote(schema)).execute()
                .chain(() -> executeIn(tx, schema, projection.ddl()))
                .chain(() -> readIndexes ? execute(tx, projection.readIndexes()) : Uni.createFrom().voidItem());
    }

    /** Runs DDL statements one after the other in {@code tx}, on {@code schema}'s tables (then {@code public}'s). */
    static Uni<Void> executeIn(SqlConnection tx, String schema, List<String> statements) {
        return searchPath(tx, schema).chain(() -> execute(tx, statements));
    }

    /** Points {@code tx}'s unqualified names at {@code schema}'s tables (then {@code public}'s) until it ends. */
    static Uni<Void> searchPath(SqlConnection tx, String schema) {
        return tx.query("set local search_path to " + quote(schema) + ", public").execute().replaceWithVoid();
    }

    /** Runs DDL statements one after the other in {@code tx}. */
    static Uni<Void> execute(SqlConnection tx, List<String> statements) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String statement : statements) {
            chain = chain.chain(() -> tx.query(statement).execute().replaceWithVoid());
        }
        return chain;
    }

    /** Quotes an identifier (the names are ours, but quoting keeps them identifiers whatever they hold). */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
