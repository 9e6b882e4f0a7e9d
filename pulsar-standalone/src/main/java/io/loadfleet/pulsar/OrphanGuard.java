package io.loadfleet.pulsar;

import org.apache.pulsar.PulsarStandaloneStarter;

/**
 * The broker JVM's entry point: Pulsar's standalone starter, plus a watch on the JVM that
 * started it, so a test run that is killed (or forgets to stop it) never leaves a broker behind.
 */
public final class OrphanGuard {
    private OrphanGuard() {
    }

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        PulsarStandaloneStarter.main(args);
    }
}
