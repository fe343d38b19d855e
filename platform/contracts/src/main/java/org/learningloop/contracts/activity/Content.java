package org.learningloop.contracts.activity;

import java.util.List;

/** The content of a pedagogical design: ordered steps and talking points. */
public record Content(List<String> steps, List<String> talkingPoints) {
}
