package io.loadfleet.worker.sink.file;

import io.loadfleet.api.spec.FileFormat;
import java.nio.file.Path;

/**
 * A file a shard has finished: complete, readable, no longer written.
 *
 * @param path     where it is
 * @param format   what it holds
 * @param profile  the LoadProfile whose records it holds
 * @param shard    the shard that wrote it
 * @param epoch    the epoch of all its records (when its delivery asks for one epoch a file)
 * @param sequence its roll index among the shard's files, NNNNN of shard-SSSS-NNNNN.EXT
 */
record FinishedFile(Path path, FileFormat format, String profile, int shard, String epoch, int sequence) {}
