package org.learningloop.contracts.activity;

/**
 * A proposed change to one element of the design.
 *
 * @param element {@code intention}, {@code frames} or {@code content}
 */
public record ImprovementProposal(String element, String proposal) {
}
