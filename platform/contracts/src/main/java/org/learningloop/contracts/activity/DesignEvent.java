package org.learningloop.contracts.activity;

import org.learningloop.contracts.LoopEvent;

import java.util.UUID;

/**
 * What happens to a pedagogical design (intention, activity frames, content), versioned. Published on
 * {@code loop.activities}, keyed by the team that owns the design.
 */
public sealed interface DesignEvent extends LoopEvent permits DesignCreated, DesignRevised, DesignForked, DesignRetired {

    UUID designId();
}
