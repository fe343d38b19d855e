package org.learningloop.contracts.activity;

/**
 * Where an activity takes place: a workplace reference (never a person's name), its segment
 * (kind of workplace, e.g. {@code call-centre}) and its number of employees.
 */
public record Workplace(String reference, String segment, Integer employees) {
}
