package org.learningloop.platform.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.learningloop.contracts.ContractViolation;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.command.InvalidIdempotencyKey;
import org.learningloop.platform.command.StaleVersion;
import org.learningloop.platform.eventstore.EventTooLarge;
import org.learningloop.platform.eventstore.StreamConflict;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Maps every failure to an {@code application/problem+json} answer. Each domain failure maps
 * explicitly; anything unexpected is a 500 that names an error id for the logs and nothing else.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response httpProblem(HttpProblem problem, UriInfo uri) {
        return problem.problem().at(uri.getPath()).toResponse();
    }

    /** No token, or one that is not valid (signature, issuer, audience, expiry): 401 with a Bearer challenge. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException failure, UriInfo uri) {
        boolean tokenRefused = failure instanceof AuthenticationFailedException;
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                        tokenRefused ? "The bearer token is not valid here (signature, issuer, audience or expiry)"
                                : "Sign in: send an access token of the organisation's identity provider as "
                                + "'Authorization: Bearer <token>'").at(uri.getPath()).toResponse())
                .header("WWW-Authenticate", tokenRefused ? "Bearer error=\"invalid_token\"" : "Bearer")
                .build();
    }

    /** Signed in, but the caller's roles, team or unit do not allow this operation: 403. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException forbidden, UriInfo uri) {
        return Problem.of(Response.Status.FORBIDDEN, "forbidden", "Forbidden",
                "Your roles, team or unit do not allow this operation on this resource").at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response rejected(CommandRejected rejected, UriInfo uri) {
        Problem problem = switch (rejected.reason()) {
            case NOT_FOUND -> Problem.of(Response.Status.NOT_FOUND, rejected.code(), "Not found", rejected.detail());
            case UNPROCESSABLE -> Problem.of(422, rejected.code(), "Unprocessable request", rejected.detail())
                    .withErrors(rejected.fieldErrors().stream()
                            .map(error -> new Problem.FieldError(error.field(), error.message())).toList());
            case RULE_VIOLATED -> Problem.of(Response.Status.CONFLICT, rejected.code(), "Rule violated", rejected.detail());
        };
        return problem.at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidKey(InvalidIdempotencyKey invalid, UriInfo uri) {
        return Problem.of(Response.Status.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key",
                invalid.getMessage()).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response stale(StaleVersion stale, UriInfo uri) {
        Response.ResponseBuilder answer = Response.fromResponse(Problem.of(Response.Status.PRECONDITION_FAILED,
                "stale-version", "Stale version", stale.getMessage()).at(uri.getPath()).toResponse());
        if (stale.currentVersion() != StaleVersion.UNKNOWN) {
            answer.tag(Versions.etag(stale.currentVersion()));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response conflict(StreamConflict conflict, UriInfo uri) {
        return Problem.of(Response.Status.CONFLICT, "concurrent-modification", "Concurrent modification",
                "Somebody else changed this resource at the same moment; fetch it again and retry").at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response tooLarge(EventTooLarge tooLarge, UriInfo uri) {
        return Problem.of(413, "event-too-large", "Content too large", tooLarge.getMessage()
                + "; send less text").at(uri.getPath()).toResponse();
    }

    /**
     * The event the command would store breaks its published schema (e.g. a date outside the window the contract
     * admits). Nothing was stored; the errors name the event's fields, which are the request's where they share a name.
     */
    @ServerExceptionMapper
    public Response contractViolation(ContractViolation violation, UriInfo uri) {
        List<Problem.FieldError> errors = violation.violations().stream()
                .map(error -> new Problem.FieldError(dotted(error.field()), error.message()))
                .toList();
        return validationFailed("The change would break the published contract of " + violation.eventType()
                + "; nothing was stored", errors, uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException invalid, UriInfo uri) {
        List<Problem.FieldError> errors = invalid.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return validationFailed("The request has invalid fields", errors, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException malformed, UriInfo uri) {
        return validationFailed("The request body is not well-formed JSON: " + malformed.getOriginalMessage(), List.of(), uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException mismatch, UriInfo uri) {
        String field = pathOf(mismatch);
        String message;
        if (mismatch instanceof UnrecognizedPropertyException unknown) {
            message = "unknown field; known fields are " + unknown.getKnownPropertyIds();
        } else if (mismatch instanceof InvalidFormatException format) {
            message = "cannot read " + describe(format.getValue()) + " as " + typeName(format.getTargetType());
        } else if (mismatch instanceof ValueInstantiationException instantiation
                && instantiation.getCause() instanceof IllegalArgumentException invalid) {
            message = invalid.getMessage();
        } else if (mismatch instanceof ValueInstantiationException) {
            message = "has a value that cannot be used here";
        } else {
            message = mismatch.getOriginalMessage() == null ? "has the wrong type"
                    : mismatch.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z]+\\.[\\w.$]+`", "value");
        }
        return validationFailed("The request body does not fit the expected shape",
                List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, message)), uri);
    }

    /** Quarkus REST maps this type itself; a mapper for exactly this type takes precedence. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException mismatch, UriInfo uri) {
        return unmappableJson(mismatch, uri);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException failure, UriInfo uri) {
        return validationFailed("The request body could not be read as JSON", List.of(), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException failure, UriInfo uri) {
        // Quarkus REST wraps some body-reading failures before any mapper sees them
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException malformed) {
                return unreadableJson(malformed, uri);
            }
            if (cause instanceof JsonMappingException mismatch) {
                return unmappableJson(mismatch, uri);
            }
        }
        Response original = failure.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(failure, uri);
        }
        Response.StatusType type = original.getStatusInfo();
        String code = type.getReasonPhrase().toLowerCase().replaceAll("[^a-z]+", "-").replaceAll("(^-|-$)", "");
        String detail = switch (status) {
            case 404 -> "There is no resource at " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 406 -> "This resource answers in application/json (errors in application/problem+json)";
            case 415 -> "Send the request body as application/json";
            default -> failure.getMessage();
        };
        Response.ResponseBuilder answer = Response.fromResponse(
                Problem.of(status, code, type.getReasonPhrase(), detail).at(uri.getPath()).toResponse());
        if (original.getHeaderString("Allow") != null) {
            answer.header("Allow", original.getHeaderString("Allow"));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable failure, UriInfo uri) {
        if (unavailable(failure)) {
            LOG.warnf("Database unavailable on %s: %s", printable(uri.getPath()), failure.getMessage());
            return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "service-unavailable",
                            "Service unavailable", "The service cannot reach its database right now. Try again "
                                    + "shortly: a request repeated with its Idempotency-Key or If-Match is applied at "
                                    + "most once").at(uri.getPath()).toResponse())
                    .header("Retry-After", "5").build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected failure %s on %s", errorId, printable(uri.getPath()));
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side; quote error id " + errorId).at(uri.getPath()).toResponse();
    }

    /**
     * Whether the request failed because the database could not be reached or is failing over (connection refused
     * or lost, a connection reset by the server, no pooled connection in time, the server shutting down or in recovery):
     * a 503 to retry, not a bug.
     * A connection lost while the commit was on the wire leaves the outcome unknown to the service, so the answer
     * does not claim nothing changed: the client repeats the request, and its Idempotency-Key or If-Match makes it
     * apply at most once.
     */
    static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketException || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                    || cause instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (cause instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P")
                    || pg.getSqlState().equals("53300"))) {
                return true; // connection exception, admin shutdown / crash shutdown / cannot connect now, too many connections
            }
            if (cause instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(cause.getMessage())) {
                return true; // no pooled connection within the acquisition timeout
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static Response validationFailed(String detail, List<Problem.FieldError> errors, UriInfo uri) {
        return Problem.of(Response.Status.BAD_REQUEST, "validation-failed", "Invalid request", detail)
                .withErrors(errors).at(uri.getPath()).toResponse();
    }

    /** The field a violation is about, without the method and parameter names (e.g. {@code lagMeasure.deadline}). */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null && field.length() > 0) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                if (node.getName() != null && !node.getName().startsWith("<")) {
                    field.append(field.length() > 0 ? "." : "").append(node.getName());
                }
            }
        }
        if (field.length() == 0) {
            return parameter == null || parameter.equals("body") ? "body" : parameter;
        }
        return field.toString();
    }

    private static String pathOf(JsonMappingException mismatch) {
        return mismatch.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    /**
     * What a request said, fit for one log line: control characters escaped (a backslash, u and four hex
     * digits), so a client cannot start a line of its own, and at most 300 characters.
     */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 300; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > 300 ? out + "…" : out.toString();
    }

    /** A JSON Pointer ({@code /frames/steps/2}) in the form field errors use ({@code frames.steps[2]}). */
    static String dotted(String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
            return "body";
        }
        StringBuilder field = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit) && field.length() > 0) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.length() > 0 ? "." : "").append(name);
            }
        }
        return field.toString();
    }

    /** A refused value as the error quotes it: at most 60 characters of it, control characters escaped. */
    private static String describe(Object value) {
        String text = String.valueOf(value);
        String shown = printable(text.length() > 60 ? text.substring(0, 60) : text) + (text.length() > 60 ? "…" : "");
        return value instanceof String ? "\"" + shown + "\"" : shown;
    }

    private static String jsonName(Class<?> type, Enum<?> constant) {
        try {
            com.fasterxml.jackson.annotation.JsonProperty name = type.getField(constant.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return name != null && !name.value().isEmpty() ? name.value() : constant.name().toLowerCase();
        } catch (NoSuchFieldException e) {
            return constant.name().toLowerCase();
        }
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "the expected type";
        }
        if (type.isEnum()) {
            // the names a client writes: an enum constant's @JsonProperty, else its lower-case name
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(constant -> jsonName(type, (Enum<?>) constant)).toList();
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date (yyyy-mm-dd)";
            case "Instant", "OffsetDateTime" -> "an instant (e.g. 2026-11-27T10:15:30Z)";
            case "UUID" -> "a UUID";
            case "BigDecimal", "Double", "double" -> "a number";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            default -> "the expected type";
        };
    }
}
