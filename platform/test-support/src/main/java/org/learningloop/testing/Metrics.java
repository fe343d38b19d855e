package org.learningloop.testing;

import io.restassured.RestAssured;

import java.net.URL;

/** Reads a service's Prometheus metrics, as Prometheus would scrape them from its management port. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of the series {@code name{labels}} (labels in Prometheus' order, e.g. {@code consumer="x",reason="y"});
     * 0 when the service does not show it (yet).
     *
     * @param management the service's management root ({@code @TestHTTPResource(value = "/", management = true)})
     */
    public static double value(URL management, String name, String labels) {
        String text = RestAssured.given().get(management + "metrics").then().statusCode(200).extract().asString();
        return value(text, name, labels);
    }

    /** The value of the series {@code name{labels}} in a Prometheus text exposition; 0 when absent. */
    public static double value(String exposition, String name, String labels) {
        String series = name + "{" + labels + "}";
        String sameWithTrailingComma = name + "{" + labels + ",}";
        return exposition.lines()
                .filter(line -> line.startsWith(series + " ") || line.startsWith(sameWithTrailingComma + " "))
                .map(line -> Double.parseDouble(line.substring(line.indexOf("} ") + 2).trim().split(" ")[0]))
                .findFirst().orElse(0.0);
    }
}
