package io.loadfleet.worker.generate;

import java.nio.charset.StandardCharsets;
import org.apache.avro.util.Utf8;

/** Builds zero-padded labels such as {@code dev-0012345} without {@code String.format} on the hot path. */
final class DeviceLabels {

    /** Digits of a device, meter, account or player label. */
    static final int DEVICE_WIDTH = 7;

    private DeviceLabels() {}

    /**
     * {@code prefix} followed by {@code number} zero-padded to {@code width} digits; a number with
     * more digits than {@code width} is written in full, never truncated.
     */
    static String label(String prefix, long number, int width) {
        if (number < 0) {
            throw new IllegalArgumentException("label numbers are non-negative: " + number);
        }
        int prefixLength = prefix.length();
        char[] chars = new char[prefixLength + Math.max(width, digits(number))];
        prefix.getChars(0, prefixLength, chars, 0);
        long rest = number;
        for (int i = chars.length - 1; i >= prefixLength; i--) {
            chars[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return new String(chars);
    }

    /** {@link #label} in UTF-8, in an array of exactly its length. */
    static Utf8 utf8(String prefix, long number, int width) {
        return new Utf8(label(prefix, number, width).getBytes(StandardCharsets.US_ASCII));
    }

    private static int digits(long number) {
        int digits = 1;
        for (long rest = number / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
