package io.loadfleet.worker.sink;

/** What a client's exception says went wrong, for one-line error messages. */
public final class RootCause {

    private RootCause() {}

    /**
     * The first line of the innermost cause's message (e.g. "Connection refused" or a TLS handshake's
     * reason): the wrappers only repeat it.
     */
    public static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
