package io.loadfleet.operator.coordinate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.operator.TestProfiles;
import org.junit.jupiter.api.Test;

/** Exactly what the assignments depend on changes the fingerprint: nothing else starts an epoch. */
class PlanFingerprintTest {
    static final String BASE = TestProfiles.SMART_METER_SPEC;

    @Test
    void sameSpecSameFingerprintOfSixteenHexDigits() {
        String fingerprint = of(BASE, 3);
        assertEquals(fingerprint, of(BASE, 3));
        assertTrue(fingerprint.matches("[0-9a-f]{16}"), fingerprint);
    }

    @Test
    void whatThePlanIsMadeOfChangesIt() {
        String base = of(BASE, 3);
        assertNotEquals(base, of(BASE, 4), "replicas");
        assertNotEquals(base, of(BASE.replace("30000", "30001"), 3), "rate");
        assertNotEquals(base, of(BASE.replace("count: 1000", "count: 1001"), 3), "devices");
        assertNotEquals(base, of(BASE + "paused: true\n", 3), "paused");
        assertNotEquals(base, of(BASE + "duration: 10m\n", 3), "duration");
        assertNotEquals(
                of(BASE + "stages: [{duration: 1m, targetRate: 100}]\n", 3),
                of(BASE + "stages: [{duration: 2m, targetRate: 100}]\n", 3),
                "a stage");
    }

    @Test
    void staticConfigurationDoesNotItRollsPodsInstead() {
        String base = of(BASE, 3);
        assertEquals(base, of(BASE.replace("seed: 1", "seed: 2"), 3), "generator");
        assertEquals(base, of(BASE.replace("topic: t", "topic: u"), 3), "sink");
        assertEquals(base, of(BASE + "format: avro\n", 3), "format");
    }

    private static String of(String specYaml, int replicas) {
        LoadProfileSpec spec = TestProfiles.withSpec(specYaml).getSpec();
        return PlanFingerprint.of(spec, replicas, null);
    }
}
