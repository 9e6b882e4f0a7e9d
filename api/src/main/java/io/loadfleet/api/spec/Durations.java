package io.loadfleet.api.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Kubernetes/Go-style durations such as {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {
    /**
     * The whole text of a duration: one or more number-unit parts. Also the CRD's (RE2) pattern for duration
     * fields, so the API server turns away text that is not of this form; zero and overflow are left to the
     * validator.
     */
    public static final String PATTERN = "^(\\d+(ms|h|m|s))+$";
    /**
     * The (RE2) pattern of a duration of {@link #PATTERN}'s form that is zero: every number in it is 0. The CRD's CEL
     * rules refuse such durations, as the validator does ("must be longer than 0").
     */
    public static final String CEL_ZERO = "^(0+(ms|h|m|s))+$";

    private static final Pattern WHOLE = Pattern.compile(PATTERN);
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    private Durations() {}

    /** The duration, or empty when the text is not of that form. */
    public static Optional<Duration> parse(String text) {
        if (text == null || !WHOLE.matcher(text.trim()).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text.trim());
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(
                        switch (m.group(2)) {
                            case "h" -> Duration.ofHours(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "s" -> Duration.ofSeconds(n);
                            default -> Duration.ofMillis(n);
                        });
            }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return Optional.empty();
        }
        return Optional.of(total);
    }

    /** Like {@link #parse} but for text already validated. */
    public static Duration require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a duration: " + text));
    }

    /** Short human form, e.g. {@code 1h30m}, {@code 20s}, {@code 1.5s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || b.length() == 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }
}
