package io.loadfleet.api.control;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.roaringbitmap.RoaringBitmap;

/**
 * How a set of sequences travels in a {@link VerifierReport}: RoaringBitmap's portable serialization,
 * run-length encoded first, in base64. A stream consumed without gaps is a handful of runs, so a ledger
 * of millions of records travels in a few bytes and the operator merges ledgers exactly (set union).
 */
public final class BitmapCodec {
    private BitmapCodec() {}

    public static String encode(RoaringBitmap bitmap) {
        RoaringBitmap copy = bitmap.clone();
        copy.runOptimize();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(copy.serializedSizeInBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            copy.serialize(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** @throws IllegalArgumentException when the text is not an encoded bitmap */
    public static RoaringBitmap decode(String base64) {
        try {
            RoaringBitmap bitmap = new RoaringBitmap();
            bitmap.deserialize(ByteBuffer.wrap(Base64.getDecoder().decode(base64)));
            return bitmap;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a base64 RoaringBitmap: " + e.getMessage(), e);
        }
    }
}
