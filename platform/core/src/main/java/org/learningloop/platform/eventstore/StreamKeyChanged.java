package org.learningloop.platform.eventstore;

/**
 * An event whose subject is not its stream's. The subject is the Kafka key: every event of a stream must have the
 * same one, or the stream would span partitions and readers would see its versions out of order. A programming
 * error in a decider, refused at append so nothing is stored.
 */
public final class StreamKeyChanged extends IllegalStateException {

    public StreamKeyChanged(String streamId, String streamKey, String eventKey) {
        super("One stream, one key: " + streamId + " is keyed " + streamKey + ", an event for it has " + eventKey);
    }
}
