package io.loadfleet.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JdksTest {
    @Test
    void aVersionsFeatureReleaseIsItsFirstNumberOrTheSecondOfA1x() {
        assertEquals(25, Jdks.feature("25.0.3"));
        assertEquals(21, Jdks.feature("21"));
        assertEquals(17, Jdks.feature("17-ea"));
        assertEquals(8, Jdks.feature("1.8.0_452"));
    }

    @Test
    void thisJvmIsFoundWithItsRelease() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertEquals(Runtime.version().feature(), Jdks.probe(java).orElseThrow().feature());
        assertTrue(Jdks.installed().stream()
                .anyMatch(jdk -> jdk.feature() == Runtime.version().feature()));
    }
}
