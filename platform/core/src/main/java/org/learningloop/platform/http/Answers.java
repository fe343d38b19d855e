package org.learningloop.platform.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;

import java.util.function.BiFunction;

/**
 * The answers of a command: its resource's representation, with the stream version as {@code ETag} and, when it
 * appended events, the stream's position as {@code Loop-Position}.
 */
public final class Answers {

    private Answers() {
    }

    /** 201 with {@code Location} (the request path plus the new id), {@code ETag} and the representation. */
    public static <S> Response created(UriInfo uri, Creation.Created<S> created, BiFunction<S, Long, ?> representation) {
        Decision<S> decision = created.decision();
        return positioned(created(below(uri, created.id().toString())), decision)
                .tag(Versions.etag(decision.version()))
                .entity(representation.apply(decision.state(), decision.version()))
                .build();
    }

    /**
     * 201 with {@code Location: location}, a path from the service's root (a relative reference, RFC 9110): never
     * an absolute URL built from the request's {@code Host} header, which any client sets as it likes.
     */
    public static Response.ResponseBuilder created(String location) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, location);
    }

    /** The path of {@code segment} below the request's own path, e.g. {@code /units/{id}} for a POST to /units. */
    public static String below(UriInfo uri, String segment) {
        return uri.getRequestUri().getRawPath().replaceAll("/+$", "") + "/" + segment;
    }

    /** 200 with {@code ETag} and the representation. */
    public static <S> Response ok(Decision<S> decision, BiFunction<S, Long, ?> representation) {
        return positioned(Response.ok(representation.apply(decision.state(), decision.version())), decision)
                .tag(Versions.etag(decision.version()))
                .build();
    }

    /**
     * With {@link StreamPosition#HEADER} when the command appended events: where its stream now stands, for a
     * client that wants a report to include its write ({@code after=}, ADR 23).
     */
    public static Response.ResponseBuilder positioned(Response.ResponseBuilder response, Decision<?> decision) {
        if (decision.appended() == null || decision.appended().isEmpty()) {
            return response;
        }
        var last = decision.appended().get(decision.appended().size() - 1);
        return response.header(StreamPosition.HEADER, new StreamPosition(last.streamId(), last.streamVersion()));
    }
}
