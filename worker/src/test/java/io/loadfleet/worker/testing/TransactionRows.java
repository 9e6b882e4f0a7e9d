package io.loadfleet.worker.testing;

import java.time.Instant;
import java.util.Locale;

/**
 * The dataset tests replay: 50 transaction rows, as CSV and as JSON lines. Row i: acct-(i % 10),
 * amount i * 1.25, merchant m(i % 3), approved when i is even, a time, a note on every 5th.
 */
public final class TransactionRows {
    public static final int ROWS = 50;

    private TransactionRows() {}

    /** With a header; merchant quoted (it holds a comma); a column no profile declares, {@code ignored}. */
    public static String csv() {
        StringBuilder text = new StringBuilder("txn_id,account_id,amount,merchant,approved,at,note,ignored\n");
        for (int i = 0; i < ROWS; i++) {
            text.append(String.format(
                    Locale.ROOT,
                    "%d,acct-%d,%.2f,\"m%d, Inc.\",%b,%s,%s,x%n",
                    i,
                    i % 10,
                    i * 1.25,
                    i % 3,
                    i % 2 == 0,
                    Instant.ofEpochSecond(1_700_000_000L + i),
                    i % 5 == 0 ? "note " + i : ""));
        }
        return text.toString();
    }

    /** The same rows, one JSON object a line, times as epoch millis and a missing note as null. */
    public static String jsonLines() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            text.append(String.format(
                    Locale.ROOT,
                    "{\"txn_id\": %d, \"account_id\": \"acct-%d\", \"amount\": %.2f, "
                            + "\"merchant\": \"m%d, Inc.\", \"approved\": %b, \"at\": %d, \"note\": %s}%n",
                    i,
                    i % 10,
                    i * 1.25,
                    i % 3,
                    i % 2 == 0,
                    (1_700_000_000L + i) * 1000,
                    i % 5 == 0 ? "\"note " + i + "\"" : "null"));
        }
        return text.toString();
    }
}
