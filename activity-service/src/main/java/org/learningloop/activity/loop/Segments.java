package org.learningloop.activity.loop;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.activity.catalog.Catalog;

import java.util.List;

/** Whether a segment (kind of workplace) is known to the catalog. */
@ApplicationScoped
public class Segments {

    private final Catalog catalog;

    public Segments(Catalog catalog) {
        this.catalog = catalog;
    }

    public Uni<Boolean> exists(String key) {
        return catalog.unknownSegments(List.of(key)).map(List::isEmpty);
    }
}
