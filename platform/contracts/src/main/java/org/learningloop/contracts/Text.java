package org.learningloop.contracts;

/** How an optional free text is kept: stripped of surrounding white space, and absent when blank. */
public final class Text {

    private Text() {
    }

    /** {@code text} stripped, or {@code null} when it is null or blank. */
    public static String stripToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
