package org.learningloop.contracts.activity;

import java.util.List;

/** What in the experience was signal for the intention, and what was noise. */
public record Filtering(List<String> signal, List<String> noise) {
}
