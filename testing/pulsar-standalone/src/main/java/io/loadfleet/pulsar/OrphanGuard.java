package io.loadfleet.pulsar;

import io.loadfleet.childjvm.ChildJvm;
import org.apache.pulsar.PulsarStandaloneStarter;

/**
 * The broker JVM's entry point: Pulsar's standalone starter, plus a watch on the JVM that
 * started it, so a test run that is killed (or forgets to stop it) never leaves a broker behind.
 */
public final class OrphanGuard {
    private OrphanGuard() {}

    public static void main(String[] args) throws Exception {
        ChildJvm.haltWithParent();
        PulsarStandaloneStarter.main(args);
    }
}
