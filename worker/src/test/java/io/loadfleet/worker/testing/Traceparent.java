package io.loadfleet.worker.testing;

import java.util.regex.Pattern;

/** What a traced record's {@code traceparent} header must look like, wherever a test reads it. */
public final class Traceparent {
    /** W3C Trace Context, version 00: trace-id 32 and parent-id 16 lower-case hex digits, flags "01" (sampled). */
    public static final Pattern WELL_FORMED = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-01");

    private Traceparent() {}
}
