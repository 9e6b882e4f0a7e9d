package io.loadfleet.worker.sink.file;

import java.util.Locale;
import java.util.UUID;

/**
 * Object keys of a sink's files: {@code PREFIX/profile=NAME/shard=SSSS/epoch=E/part-NNNNN-RUN.EXT}, Hive-style
 * partitions so that a data-lake table (Spark, Trino, Athena, DuckDB's hive_partitioning) can be defined over
 * the prefix and filtered by profile, shard and epoch. NNNNN is the file's roll index, as in its local name; RUN,
 * drawn when the sink opens, keeps a restarted pod or a second run of the profile, whose roll indexes start
 * again, from overwriting an earlier run's objects.
 *
 * @param prefix the key prefix without its trailing '/', empty for the bucket's root
 * @param run    eight hex digits
 */
record ObjectKeys(String prefix, String run) {

    /** Keys under {@code prefix} (null: the bucket's root) for a run of its own. */
    static ObjectKeys under(String prefix) {
        String trimmed = prefix == null ? "" : prefix.replaceAll("/+$", "");
        return new ObjectKeys(trimmed, UUID.randomUUID().toString().substring(0, 8));
    }

    String key(FinishedFile file) {
        return String.format(
                Locale.ROOT,
                "%sprofile=%s/shard=%04d/epoch=%s/part-%05d-%s.%s",
                prefix.isEmpty() ? "" : prefix + "/",
                file.profile(),
                file.shard(),
                file.epoch(),
                file.sequence(),
                run,
                file.format().extension());
    }
}
