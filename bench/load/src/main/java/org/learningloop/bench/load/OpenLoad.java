package org.learningloop.bench.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * One level of open load: requests arrive at a constant rate ({@code bench.rate} per second) whatever the answers'
 * latency, so a slow answer cannot hold the next request back (no coordinated omission). A warm-up of
 * {@code bench.warmup} seconds is reported as request {@code warm-up}, the measured {@code bench.seconds} as
 * {@code measured}; the harness reads the measured request's figures from the report.
 *
 * <p>{@code bench.kind} says what one arrival does:
 * <ul>
 *   <li>{@code get}: {@code GET bench.url}, answered 200;</li>
 *   <li>{@code fed-post}: {@code POST} each line's {@code url} of the CSV {@code <bench.feeder>-warm-up.csv} (the
 *       warm-up) or {@code <bench.feeder>-measured.csv} with its {@code ifMatch}, body {@code bench.body}, answered
 *       200 (each line is used once);</li>
 *   <li>{@code change}: {@code GET bench.read} for its ETag, then {@code POST bench.url} with it as If-Match and
 *       body {@code bench.body}, answered 200 or 201 (only the POST is measured).</li>
 * </ul>
 * Every request carries {@code Authorization: Bearer bench.token} when a token is given.
 */
public class OpenLoad extends Simulation {

    private final String kind = System.getProperty("bench.kind", "get");
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "10"));
    private final int warmup = Integer.getInteger("bench.warmup", 3);
    private final int seconds = Integer.getInteger("bench.seconds", 10);
    private final String token = System.getProperty("bench.token", "");

    {
        HttpProtocolBuilder protocol = http.acceptHeader("application/json").contentTypeHeader("application/json")
                .headers(token.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + token))
                .disableCaching().shareConnections();
        PopulationBuilder warm = scenario("warm-up").exec(request("warm-up"))
                .injectOpen(constantUsersPerSec(rate).during(warmup));
        PopulationBuilder measured = scenario("measured").exec(request("measured"))
                .injectOpen(nothingFor(warmup), constantUsersPerSec(rate).during(seconds));
        setUp(warm, measured).protocols(protocol);
    }

    private ChainBuilder request(String name) {
        String url = System.getProperty("bench.url");
        return switch (kind) {
            case "get" -> exec(http(name).get(url).check(status().is(200)));
            case "fed-post" -> feed(csv(System.getProperty("bench.feeder") + "-" + name + ".csv").queue())
                    .exec(http(name).post("#{url}").header("If-Match", "#{ifMatch}")
                            .body(StringBody(System.getProperty("bench.body"))).check(status().is(200)));
            case "change" -> exec(http(name + "-read").get(System.getProperty("bench.read"))
                    .check(status().is(200), header("ETag").saveAs("etag")))
                    .exec(http(name).post(url).header("If-Match", "#{etag}")
                            .body(StringBody(System.getProperty("bench.body"))).check(status().in(200, 201)));
            default -> throw new IllegalArgumentException("unknown bench.kind " + kind);
        };
    }
}
