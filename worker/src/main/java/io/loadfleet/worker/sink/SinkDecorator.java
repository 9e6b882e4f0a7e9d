package io.loadfleet.worker.sink;

import java.util.ServiceLoader;

/**
 * Wraps the sink a worker pod opens. Found with {@link ServiceLoader}; the product has none. It exists for
 * one test image (testing/faulty-worker), whose decorator drops chosen records while reporting them
 * acked, so the operator's end-to-end tests can prove that live verification counts them exactly.
 */
public interface SinkDecorator {

    RecordSink decorate(RecordSink sink);

    /** {@code sink} wrapped by every decorator on the class path, or as it is when there is none. */
    static RecordSink around(RecordSink sink) {
        RecordSink decorated = sink;
        for (SinkDecorator decorator : ServiceLoader.load(SinkDecorator.class)) {
            decorated = decorator.decorate(decorated);
        }
        return decorated;
    }
}
