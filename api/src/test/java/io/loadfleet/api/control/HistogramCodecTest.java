package io.loadfleet.api.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.status.LatencyPercentiles;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramCodecTest {

    @Test
    void podsHistogramsMergedAfterTheWireEqualOneHistogramOfEveryValue() {
        SplittableRandom random = new SplittableRandom(1);
        Histogram all = new Histogram(3);
        Histogram merged = new Histogram(3);
        for (int pod = 0; pod < 4; pod++) {
            Histogram mine = new Histogram(3);
            for (int i = 0; i < 50_000; i++) {
                // Mostly milliseconds, a tail of seconds: like publish latency through a broker hiccup.
                long micros =
                        random.nextInt(100) == 0 ? 1_000_000 + random.nextInt(20_000_000) : 500 + random.nextInt(5_000);
                mine.recordValue(micros);
                all.recordValue(micros);
            }
            String wire = HistogramCodec.encode(mine);
            assertTrue(wire.length() < 16_384, "small enough for a status poll: " + wire.length() + " chars");
            merged.add(HistogramCodec.decode(wire));
        }
        assertEquals(all, merged);
        assertEquals(LatencyPercentiles.ofMicros(all), LatencyPercentiles.ofMicros(merged));
    }

    @Test
    void textThatIsNotAHistogramIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HistogramCodec.decode("bm9wZQ=="));
        assertTrue(e.getMessage().startsWith("not a base64 compressed HdrHistogram"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistogramCodec.decode("%%%"));
    }
}
