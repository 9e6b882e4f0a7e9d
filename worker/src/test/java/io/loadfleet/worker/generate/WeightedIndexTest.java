package io.loadfleet.worker.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightedIndexTest {

    @Test
    void picksInProportionToTheWeights() {
        WeightedIndex index = new WeightedIndex(1, 0, 3);
        int[] hits = new int[3];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            hits[index.pick((i + 0.5) / n)]++;
        }
        assertEquals(n / 4, hits[0], 1);
        assertEquals(0, hits[1], "a zero weight is never picked");
        assertEquals(3 * n / 4, hits[2], 1);
        assertEquals(0, index.pick(0));
        assertEquals(2, index.pick(Math.nextDown(1.0)));
    }

    @Test
    void rejectsWeightsThatAreNotADistribution() {
        assertThrows(IllegalArgumentException.class, WeightedIndex::new);
        assertThrows(IllegalArgumentException.class, () -> new WeightedIndex(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new WeightedIndex(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new WeightedIndex(1, Double.NaN));
    }
}
