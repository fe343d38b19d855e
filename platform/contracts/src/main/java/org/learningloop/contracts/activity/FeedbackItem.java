package org.learningloop.contracts.activity;

/**
 * One item of sorted feedback.
 *
 * @param category {@code keep}, {@code improve} or {@code idea}
 * @param element  the design element it is about: {@code intention}, {@code frames}, {@code content},
 *                 or the carrying out: {@code presence}, {@code focus}, {@code flexibility}
 */
public record FeedbackItem(String category, String element, String text) {
}
