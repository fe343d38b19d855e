package org.learningloop.platform.http;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.concurrent.CompletableFuture;

/** Test-only endpoints of the platform's test application: one whose answer waits for the test, one at once. */
@Path("/admission-test")
@Produces(MediaType.TEXT_PLAIN)
@PermitAll
public class HeldResource {

    /** Completed by the test: every held request answers with its value. */
    static volatile CompletableFuture<String> gate = new CompletableFuture<>();

    @GET
    @Path("held")
    public Uni<String> held() {
        // a stage of its own: a request whose client hangs up cancels it, not the gate the others wait for
        return Uni.createFrom().completionStage(gate.thenApply(value -> value));
    }

    @GET
    @Path("now")
    public String now() {
        return "now";
    }

    @POST
    @Path("now")
    public String post(String body) {
        return "posted";
    }
}
