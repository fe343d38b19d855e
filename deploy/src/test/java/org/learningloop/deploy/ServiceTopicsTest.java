package org.learningloop.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every deployment relies on: brokers never auto-create topics, so each service's
 * {@code loop.topics.ensure} (which the compose stack lets the services create, and which Strimzi's
 * KafkaTopic resources mirror) must name every topic it writes or reads, dead-letter topics included.
 */
class ServiceTopicsTest {

    static List<String> services() {
        return Repo.services();
    }

    @ParameterizedTest
    @MethodSource("services")
    void ensures_every_topic_it_uses(String name) {
        ServiceConfig config = ServiceConfig.of(name);
        assertThat(config.ensuredTopics()).as("%s loop.topics.ensure covers its outbox, incoming and dead-letter topics", name)
                .containsAll(config.usedTopics());
    }

    @ParameterizedTest
    @MethodSource("services")
    void dead_letters_go_to_the_services_own_dead_letter_topic(String name) {
        ServiceConfig config = ServiceConfig.of(name);
        assertThat(config.deadLetterTopics()).as("%s dead-letter topics (ADR 6: loop.dlq.<service>)", name)
                .allSatisfy(topic -> assertThat(topic).isEqualTo("loop.dlq." + config.require("loop.service-name")));
        assertThat(config.ensuredTopics()).as("%s ensures its dead-letter topic", name)
                .contains("loop.dlq." + config.require("loop.service-name"));
    }
}
