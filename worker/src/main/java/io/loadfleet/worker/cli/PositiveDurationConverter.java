package io.loadfleet.worker.cli;

import io.loadfleet.api.spec.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads a duration option the way a profile writes durations (10s, 500ms, 2m); zero or less is refused. */
final class PositiveDurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value)
                .filter(d -> !d.isZero() && !d.isNegative())
                .orElseThrow(() -> new CommandLine.TypeConversionException(
                        "\"" + value + "\" is not a duration above 0: use e.g. 10s or 500ms"));
    }
}
