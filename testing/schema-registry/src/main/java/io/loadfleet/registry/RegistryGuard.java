package io.loadfleet.registry;

import io.loadfleet.childjvm.ChildJvm;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The registry JVM's entry point: a watch on the JVM that started it, so a test run that is killed
 * (or forgets to stop it) never leaves a registry behind, then the bundle's own main class
 * ({@code args[0]}, from its runner jar's manifest) with the remaining arguments.
 */
public final class RegistryGuard {
    private RegistryGuard() {}

    public static void main(String[] args) throws Throwable {
        ChildJvm.haltWithParent();
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object)
                    Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
