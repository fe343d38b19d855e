package org.learningloop.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the write load was told: every command acknowledged with a 2xx (so its events must be in the owner's store
 * exactly once, and in every consumer's effects exactly once), and every answer that was not one: unavailable
 * (503, or no connection at all, as in an outage) or another 5xx (a bug, never allowed).
 */
final class Ledger {

    /** A lag reading or WIG meeting is identified by its stream and its period or week. */
    record Keyed(UUID id, String key) {
    }

    final Set<UUID> planned = ConcurrentHashMap.newKeySet();
    final Map<UUID, UUID> carriedOutByTeam = new ConcurrentHashMap<>(); // activity -> team
    final Set<UUID> evaluated = ConcurrentHashMap.newKeySet();
    final Set<Keyed> lagReadings = ConcurrentHashMap.newKeySet();
    final Set<Keyed> wigMeetings = ConcurrentHashMap.newKeySet();

    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> answeredAt = new ConcurrentHashMap<>();

    void planned(UUID activity) {
        planned.add(activity);
        acknowledged.incrementAndGet();
    }

    void carriedOut(UUID team, UUID activity) {
        carriedOutByTeam.put(activity, team);
        acknowledged.incrementAndGet();
    }

    void evaluated(UUID activity) {
        evaluated.add(activity);
        acknowledged.incrementAndGet();
    }

    void lagReading(UUID wig, String period) {
        lagReadings.add(new Keyed(wig, period));
        acknowledged.incrementAndGet();
    }

    void wigMeeting(UUID team, String week) {
        wigMeetings.add(new Keyed(team, week));
        acknowledged.incrementAndGet();
    }

    void answered(String service) {
        answeredAt.computeIfAbsent(service, s -> new ConcurrentLinkedQueue<>()).add(System.nanoTime());
    }

    void unavailable(String service) {
        unavailable.incrementAndGet();
    }

    void serverError(String service, String detail) {
        serverErrors.add(detail);
    }

    /** The counters so far, to tell one scenario's share by difference. */
    Counts counts() {
        return new Counts(acknowledged.get(), unavailable.get(), serverErrors.size());
    }

    List<String> serverErrors() {
        return new ArrayList<>(serverErrors);
    }

    /** Seconds from {@code sinceNanos} until {@code service} next answered a step; -1 if it has not. */
    double secondsUntilAnswered(String service, long sinceNanos) {
        return answeredAt.getOrDefault(service, new ConcurrentLinkedQueue<>()).stream()
                .filter(at -> at >= sinceNanos).mapToLong(Long::longValue).min()
                .stream().mapToDouble(at -> (at - sinceNanos) / 1e9).findFirst().orElse(-1);
    }

    record Counts(int acknowledged, int unavailable, int serverErrors) {
        Counts minus(Counts earlier) {
            return new Counts(acknowledged - earlier.acknowledged, unavailable - earlier.unavailable,
                    serverErrors - earlier.serverErrors);
        }
    }
}
