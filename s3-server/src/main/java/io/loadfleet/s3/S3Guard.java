package io.loadfleet.s3;

/**
 * The server JVM's entry point: s3proxy's main, plus a watch on the JVM that started it, so a test
 * run that is killed (or forgets to stop it) never leaves a server behind.
 */
public final class S3Guard {
    private S3Guard() {
    }

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        org.gaul.s3proxy.Main.main(args);
    }
}
