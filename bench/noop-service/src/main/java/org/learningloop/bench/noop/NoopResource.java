package org.learningloop.bench.noop;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** The reference endpoint: answers an empty JSON object, doing nothing else. */
@Path("/noop")
public class NoopResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> noop() {
        return Map.of();
    }
}
