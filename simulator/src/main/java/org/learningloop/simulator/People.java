package org.learningloop.simulator;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How the people of a simulated organisation sign in: a source of access tokens for a person (known to the services
 * by their id, the token's subject), or none, when that person cannot sign in and the simulation's own client acts
 * for them.
 */
@FunctionalInterface
public interface People {

    Optional<Supplier<String>> tokenOf(UUID person);

    /** Nobody signs in: the simulation's client (an org admin) does everything. */
    static People nobody() {
        return person -> Optional.empty();
    }
}
