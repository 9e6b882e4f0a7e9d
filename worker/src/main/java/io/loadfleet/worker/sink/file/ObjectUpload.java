package io.loadfleet.worker.sink.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Puts a file into a bucket: in one PUT when it is at most a part, else as a multipart upload
 * (S3 needs parts of at least 5 MiB but the last, and at most 10,000 of them). Each request is
 * retried on its own, within the file's {@link RetryWindow}, so a failed part sends that part again,
 * not the file. The AWS SDK's transfer manager would do this, but it needs the asynchronous client
 * (Netty or the CRT), which the worker leaves out.
 */
final class ObjectUpload {
    static final int MAX_PARTS = 10_000;
    private static final String BYTES = "application/octet-stream";

    private ObjectUpload() {}

    /** Uploads {@code file} to {@code key}. */
    static void put(S3Client client, String bucket, String key, Path file, long partBytes, RetryWindow retries)
            throws IOException {
        long size = Files.size(file);
        if (size <= partBytes) {
            retries.call(() -> client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file)));
            return;
        }
        // a file over 10,000 parts (160 GiB of 16 MiB ones) takes larger parts
        long part = Math.max(partBytes, (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = retries.call(
                        () -> client.createMultipartUpload(b -> b.bucket(bucket).key(key)))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += part) {
                int number = parts.size() + 1;
                long from = offset;
                long length = Math.min(part, size - offset);
                String eTag = retries.call(() -> client.uploadPart(
                                b -> b.bucket(bucket)
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .contentLength(length),
                                RequestBody.fromContentProvider(
                                        () -> FileRegion.open(file, from, length), length, BYTES)))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            retries.call(() -> client.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            // once, without retries: in an outage the store keeps the parts until a lifecycle rule removes them
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    /** Bytes [offset, offset + length) of a file, by positional reads; the SDK opens one per pass over a part. */
    private static final class FileRegion extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        private FileRegion(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
        }

        static InputStream open(Path file, long offset, long length) {
            try {
                return new FileRegion(FileChannel.open(file, StandardOpenOption.READ), offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new IOException("the file ended " + (end - position) + " bytes before its part");
            }
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
