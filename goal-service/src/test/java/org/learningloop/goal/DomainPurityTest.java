package org.learningloop.goal;

import org.learningloop.testing.DomainPurityRules;

/** goal-service's deciders, commands and states are plain Java: no framework, no clock, no randomness. */
class DomainPurityTest extends DomainPurityRules {

    @Override
    protected String servicePackage() {
        return "org.learningloop.goal";
    }
}
