package io.loadfleet.worker.verify;

import java.util.function.Consumer;

/** Reads a whole topic from its beginning until it stays idle; one implementation per broker. */
public interface TopicReader extends AutoCloseable {

    /** Hands every record to {@code each}, in the order read, and returns once the topic is idle. */
    void readAll(Consumer<ConsumedRecord> each) throws Exception;

    @Override
    void close() throws Exception;
}
