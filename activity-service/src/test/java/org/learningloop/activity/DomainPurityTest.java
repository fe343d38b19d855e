package org.learningloop.activity;

import org.learningloop.testing.DomainPurityRules;

import java.util.Set;

/** activity-service's deciders, commands and states are plain Java: no framework, no clock, no randomness. */
class DomainPurityTest extends DomainPurityRules {

    @Override
    protected String servicePackage() {
        return "org.learningloop.activity";
    }

    @Override
    protected Set<String> alsoPure() {
        return Set.of("DesignFacts");
    }
}
