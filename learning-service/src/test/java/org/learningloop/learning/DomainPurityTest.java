package org.learningloop.learning;

import org.learningloop.testing.DomainPurityRules;

/** learning-service's deciders, commands and states are plain Java: no framework, no clock, no randomness. */
class DomainPurityTest extends DomainPurityRules {

    @Override
    protected String servicePackage() {
        return "org.learningloop.learning";
    }
}
