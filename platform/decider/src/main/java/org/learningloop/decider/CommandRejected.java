package org.learningloop.decider;

import java.util.List;
import java.util.Objects;

/**
 * A command that the domain refuses, with a machine-readable code and a sentence for people.
 * Each {@link Reason} maps to one HTTP status at the edge.
 */
public final class CommandRejected extends RuntimeException {

    /** Why a command was refused. */
    public enum Reason {
        /** The command addresses something that does not exist. */
        NOT_FOUND,
        /** A referenced resource (in the command's data) does not exist or does not fit. */
        UNPROCESSABLE,
        /** A rule of the domain forbids the command in the current state. */
        RULE_VIOLATED
    }

    /** One field of the command that is wrong, and why. */
    public record FieldError(String field, String message) {
    }

    private final Reason reason;
    private final String code;
    private final List<FieldError> fieldErrors;

    private CommandRejected(Reason reason, String code, String detail, List<FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason);
        this.code = Objects.requireNonNull(code);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static CommandRejected notFound(String code, String detail) {
        return new CommandRejected(Reason.NOT_FOUND, code, detail, List.of());
    }

    public static CommandRejected unprocessable(String code, String detail, FieldError... errors) {
        return new CommandRejected(Reason.UNPROCESSABLE, code, detail, List.of(errors));
    }

    public static CommandRejected ruleViolated(String code, String detail) {
        return new CommandRejected(Reason.RULE_VIOLATED, code, detail, List.of());
    }

    public Reason reason() {
        return reason;
    }

    /** A stable, kebab-case code such as {@code lead-measure-not-predictive}. */
    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public String toString() {
        return "CommandRejected[" + reason + ", " + code + ": " + getMessage() + "]";
    }
}
