package org.learningloop.platform.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;

import java.util.function.BiFunction;

/** The answers of a command: its resource's representation, with the stream version as {@code ETag}. */
public final class Answers {

    private Answers() {
    }

    /** 201 with {@code Location} (the request path plus the new id), {@code ETag} and the representation. */
    public static <S> Response created(UriInfo uri, Creation.Created<S> created, BiFunction<S, Long, ?> representation) {
        Decision<S> decision = created.decision();
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(Versions.etag(decision.version()))
                .entity(representation.apply(decision.state(), decision.version()))
                .build();
    }

    /** 200 with {@code ETag} and the representation. */
    public static <S> Response ok(Decision<S> decision, BiFunction<S, Long, ?> representation) {
        return Response.ok(representation.apply(decision.state(), decision.version()))
                .tag(Versions.etag(decision.version()))
                .build();
    }
}
