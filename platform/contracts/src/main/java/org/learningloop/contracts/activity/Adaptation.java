package org.learningloop.contracts.activity;

/**
 * A change made on site when the intention was not getting through.
 *
 * @param element {@code intention}, {@code frames} or {@code content}
 */
public record Adaptation(String element, String what, String why) {
}
