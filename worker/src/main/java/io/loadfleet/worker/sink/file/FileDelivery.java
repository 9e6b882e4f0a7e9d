package io.loadfleet.worker.sink.file;

/**
 * What becomes of a shard's finished files, and so when their records are acked: they stay where they
 * were written ({@link #IN_PLACE}), or go to an object store ({@link S3Uploads}).
 */
interface FileDelivery {
    /** Files that stay in the directory: a record is acked once it is in its file, at a flush or its file's end. */
    FileDelivery IN_PLACE = new FileDelivery() {
        @Override
        public boolean acksAtFlush() {
            return true;
        }

        @Override
        public boolean onePerEpoch() {
            return false;
        }

        @Override
        public void deliver(FinishedFile file, PendingRecords records) {
            records.ackAll();
        }

        @Override
        public void awaitDelivered() {}

        @Override
        public void close() {}
    };

    /** Whether a flush that puts a line file's buffered records into the file acks them; else only delivery does. */
    boolean acksAtFlush();

    /** Whether a file must hold the records of one epoch, as the name it is delivered under says the epoch. */
    boolean onePerEpoch();

    /**
     * Takes a finished file and its records, which it acks or fails, now or later, from any thread. May
     * block while earlier files wait (backpressure); never throws.
     */
    void deliver(FinishedFile file, PendingRecords records);

    /** Waits until the records of every file handed over so far are acked or failed. */
    void awaitDelivered();

    /** {@link #awaitDelivered()}, then releases what delivering holds. */
    void close();
}
