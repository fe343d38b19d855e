package org.learningloop.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@link Demo} records of a load in its state file ({@code .loop/demo.json} for {@code bin/loop}): the
 * scenario, the instant it is played up to, and, once every step is done, the unit it set up and when it
 * completed. A load is reported as loaded only from this record, never from what exists in the services.
 *
 * @param unitId      the demo's unit; null until a load completes (a load may be interrupted before it exists)
 * @param completedAt null while the load has not finished
 */
public record DemoRecord(String scenario, long seed, Instant playedUpTo, UUID unitId, Instant completedAt) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** A load of {@code scenario} begun now; {@code unitId} when its unit exists already. */
    public static DemoRecord begun(Scenario scenario, UUID unitId) {
        return new DemoRecord(scenario.name(), scenario.seed(), scenario.now(), unitId, null);
    }

    public DemoRecord completed(UUID unit, Instant at) {
        return new DemoRecord(scenario, seed, playedUpTo, unit, at);
    }

    /**
     * Whether this record describes the load that set up {@code unit} (as found in the services): a record
     * without a unit belongs to whatever unit there is (its load was interrupted, possibly after creating it);
     * one with a unit only to that unit (the services' data was replaced when it is missing or another).
     */
    public boolean matches(Optional<UUID> unit) {
        return unitId == null || unit.filter(unitId::equals).isPresent();
    }

    /** The record in {@code file}; empty when there is none or it cannot be read (a new load starts then). */
    public static Optional<DemoRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            DemoRecord record = JSON.readValue(file.toFile(), DemoRecord.class);
            return record.scenario() == null || record.playedUpTo() == null ? Optional.empty() : Optional.of(record);
        } catch (IOException e) {
            System.err.println("Ignoring the unreadable demo record " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes the record to {@code file}, whole or not at all (a write interrupted half-way leaves the old one). */
    public void write(Path file) {
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path next = absolute.resolveSibling(absolute.getFileName() + ".next");
            JSON.writeValue(next.toFile(), this);
            Files.move(next, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo record " + file, e);
        }
    }
}
