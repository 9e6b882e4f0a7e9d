package io.loadfleet.worker.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordRandomTest {

    private static long[] firstValues(long seed, int shard, long sequence) {
        RecordRandom random = new RecordRandom();
        random.reset(seed, shard, sequence);
        return new long[] {random.nextLong(), random.nextLong(), random.nextLong()};
    }

    @Test
    void resetReplaysTheSameStream() {
        assertEquals(java.util.Arrays.toString(firstValues(1, 2, 3)), java.util.Arrays.toString(firstValues(1, 2, 3)));
    }

    @Test
    void seedShardAndSequenceEachChangeTheStream() {
        long first = firstValues(1, 2, 3)[0];
        assertNotEquals(first, firstValues(9, 2, 3)[0]);
        assertNotEquals(first, firstValues(1, 9, 3)[0]);
        assertNotEquals(first, firstValues(1, 2, 9)[0]);
        assertNotEquals(firstValues(0, 1, 0)[0], firstValues(0, 0, 1)[0], "shard and sequence are not interchangeable");
    }

    @Test
    void drawsHaveTheirDocumentedRangesAndMoments() {
        RecordRandom random = new RecordRandom();
        random.reset(42, 0, 0);
        int n = 200_000;
        double sum = 0;
        double sumSquares = 0;
        int[] buckets = new int[7];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            assertTrue(u >= 0 && u < 1);
            buckets[random.nextInt(7)]++;
            double g = random.nextGaussian();
            sum += g;
            sumSquares += g * g;
            assertTrue(random.nextExponential() >= 0);
        }
        assertEquals(0, sum / n, 0.01, "gaussian mean");
        assertEquals(1, sumSquares / n, 0.02, "gaussian variance");
        for (int bucket : buckets) {
            assertEquals(n / 7.0, bucket, n / 7.0 * 0.03, "nextInt is uniform");
        }
        assertThrows(IllegalArgumentException.class, () -> random.nextInt(0));
    }

    @Test
    void uuidsAreVersion4() {
        RecordRandom random = new RecordRandom();
        random.reset(7, 0, 0);
        UUID uuid = UUID.fromString(random.nextUuid());
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
    }
}
