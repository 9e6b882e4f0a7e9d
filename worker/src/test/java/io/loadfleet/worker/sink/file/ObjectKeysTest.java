package io.loadfleet.worker.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.FileFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Object keys: Hive-style partitions under the prefix, the roll index and the run. */
class ObjectKeysTest {
    static final FinishedFile FILE =
            new FinishedFile(Path.of("/tmp/out/shard-0003-00012.parquet"), FileFormat.PARQUET, "iot", 3, "2", 12);

    @Test
    void partitionsByProfileShardAndEpoch() {
        assertEquals(
                "lake/iot/profile=iot/shard=0003/epoch=2/part-00012-0badcafe.parquet",
                new ObjectKeys("lake/iot", "0badcafe").key(FILE));
        assertEquals(
                "profile=iot/shard=0003/epoch=2/part-00012-0badcafe.parquet",
                new ObjectKeys("", "0badcafe").key(FILE),
                "no prefix: the bucket's root");
    }

    @Test
    void aTrailingSlashOfThePrefixIsLeftOutAndEachRunDrawsItsOwnId() {
        ObjectKeys keys = ObjectKeys.under("lake/iot/");
        assertEquals("lake/iot", keys.prefix());
        assertTrue(keys.run().matches("[0-9a-f]{8}"), keys.run());
        assertEquals("", ObjectKeys.under(null).prefix());
    }
}
