package org.learningloop.contracts;

/**
 * The bounds the published schemas set, for the request validation that must say the same thing: a request the
 * API admits makes an event the schema admits (a test holds every schema to these). Regular expressions are
 * written so that Java and ECMA-262 (JSON Schema) read them alike.
 */
public final class Bounds {

    /** Years the contract admits in dates, times, weeks and months: 2000 to 2100. */
    public static final String YEAR = "(20[0-9]{2}|2100)";

    /** An ISO week, e.g. {@code 2026-W48}. */
    public static final String WEEK = "^" + YEAR + "-W(0[1-9]|[1-4][0-9]|5[0-3])$";

    /** A month, e.g. {@code 2026-11}. */
    public static final String MONTH = "^" + YEAR + "-(0[1-9]|1[0-2])$";

    /** A week or a month. */
    public static final String PERIOD = "^" + YEAR + "-(W(0[1-9]|[1-4][0-9]|5[0-3])|0[1-9]|1[0-2])$";

    /** The year prefix of a date or a time. */
    public static final String DATE_TIME = "^" + YEAR + "-";

    /** A date, e.g. {@code 2027-06-30}. */
    public static final String DATE = DATE_TIME + "[0-9]{2}-[0-9]{2}$";

    /** A reference-data key (activity type, segment): lower-case kebab case starting with a letter. */
    public static final String KEY = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";

    /** The longest key. */
    public static final int KEY_LENGTH = 100;

    /** An outcome name: camelCase, e.g. {@code membersRecruited}. */
    public static final String OUTCOME = "^[a-z][a-zA-Z0-9]{0,49}$";

    /** Text: no control character other than tab, line feed and carriage return. */
    /**
     * Text that is not blank: a character other than white space somewhere. Written so that Java's {@code matches}
     * and JSON Schema's unanchored ECMA-262 patterns read it alike (no inline flags such as {@code (?s)}).
     */
    public static final String NOT_BLANK = "[\\s\\S]*\\S[\\s\\S]*";

    /** A keyed fingerprint (HMAC-SHA256, hex) of a person's name: docs/privacy.md. */
    public static final String FINGERPRINT = "^[0-9a-f]{64}$";

    public static final String TEXT = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$";

    /** A sealed free text (ADR 18, {@link SealedText}): the form a sealable field holds once stored. */
    public static final String SEALED =
            "^sealed:v1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[A-Za-z0-9_-]+$";

    /** What a plain text of a sealable field may not start with, so that it is never taken for a sealed one. */
    public static final String SEALED_START = "^sealed:";

    /** The range of a lag measure's values: ± one trillion ... */
    public static final String DECIMAL_MAX = "1000000000000";

    /** ... with at most this many digits after the point. */
    public static final int DECIMAL_SCALE = 4;

    private Bounds() {
    }
}
