package io.loadfleet.api;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD (crds/) must be exactly what fabric8's crd-generator makes of the current model. With
 * {@code -Dcrd.update} the test refreshes crds/ instead of failing.
 */
class CrdIsCurrentTest {

    @Test
    void committedCrdIsTheOneGeneratedFromTheModel() throws IOException {
        Path generated = Crds.generated();
        assertNotNull(
                generated,
                Crds.RESOURCE + " is not on the class path: the crd-generator-maven-plugin runs in "
                        + "process-classes, so build with Maven (./mvnw -B -pl api -am verify), not only an IDE compile");
        String fresh = Crds.publishable(generated);
        if (Crds.updateIfRequested()) {
            return;
        }
        Path committed = Crds.committed();
        if (!Files.exists(committed)) {
            fail("crds/" + Crds.FILE + " is missing; " + Crds.REFRESH);
        }
        String old = Files.readString(committed).replace("\r\n", "\n"); // a Windows checkout may add CRs
        if (!old.equals(fresh)) {
            fail("crds/" + Crds.FILE + " is stale: it differs from the CRD generated from the api model ("
                    + firstDifference(old, fresh) + "); " + Crds.REFRESH);
        }
    }

    static String firstDifference(String committed, String generated) {
        String[] a = committed.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end of file>";
            String y = i < b.length ? b[i] : "<end of file>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": committed \"" + x.strip() + "\", generated \"" + y.strip() + "\"";
            }
        }
        return "in the line endings";
    }
}
