package io.loadfleet.api.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reflection over the fields, so a field added to the status and forgotten in copy or equals fails here. */
class LoadProfileStatusTest {

    @Test
    void copyCarriesEveryFieldAndOwnsItsConditions() throws Exception {
        LoadProfileStatus status = everyFieldSet(1);

        LoadProfileStatus copy = status.copy();

        for (Field f : fields()) {
            assertEquals(f.get(status), f.get(copy), f.getName());
        }
        assertEquals(status, copy);
        assertNotSame(status.getConditions(), copy.getConditions());
    }

    @Test
    void everyFieldCountsForEquality() throws Exception {
        for (Field f : fields()) {
            LoadProfileStatus status = everyFieldSet(1);
            f.set(status, f.get(everyFieldSet(2)));
            assertNotEquals(everyFieldSet(1), status, f.getName() + " is left out of equals");
        }
        assertEquals(everyFieldSet(1).hashCode(), everyFieldSet(1).hashCode());
    }

    private static List<Field> fields() {
        return Arrays.stream(LoadProfileStatus.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .peek(f -> f.setAccessible(true))
                .toList();
    }

    /** A status whose every field holds a value that differs with {@code n}. */
    private static LoadProfileStatus everyFieldSet(int n) throws Exception {
        LoadProfileStatus status = new LoadProfileStatus();
        for (Field f : fields()) {
            f.set(status, valueOf(f.getType(), n));
        }
        return status;
    }

    private static Object valueOf(Class<?> type, int n) {
        if (type == Long.class) {
            return (long) n;
        } else if (type == Integer.class) {
            return n;
        } else if (type == Double.class) {
            return n + 0.5;
        } else if (type == String.class) {
            return "value " + n;
        } else if (type == Phase.class) {
            return Phase.values()[n];
        } else if (type == FleetLatency.class) {
            LatencyPercentiles p = new LatencyPercentiles(n, n, n, n, n);
            return new FleetLatency(p, p);
        } else if (type == VerifyStatus.class) {
            return new VerifyStatus(
                    n, n, n, n, n, n, n, new LatencyPercentiles(n, n, n, n, n), List.of(), (long) n, null);
        } else if (type == List.class) {
            return new ArrayList<>(List.of(Condition.of(Condition.READY, "True", "Running", "message " + n)));
        }
        throw new AssertionError("a status field of a type this test does not know yet: " + type);
    }
}
