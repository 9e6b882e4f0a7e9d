package io.loadfleet.s3;

import io.loadfleet.childjvm.ChildJvm;

/**
 * The server JVM's entry point: s3proxy's main, plus a watch on the JVM that started it, so a test
 * run that is killed (or forgets to stop it) never leaves a server behind.
 */
public final class S3Guard {
    private S3Guard() {}

    public static void main(String[] args) throws Exception {
        ChildJvm.haltWithParent();
        org.gaul.s3proxy.Main.main(args);
    }
}
