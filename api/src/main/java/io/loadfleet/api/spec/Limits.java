package io.loadfleet.api.spec;

/**
 * The bounds and name patterns of a LoadProfile, in one place for both checks that use them: the CRD's schema and
 * CEL rules (the annotations on the spec classes) and the validator's messages.
 */
public final class Limits {
    public static final long MAX_TARGET_RATE = 1_000_000_000L;
    public static final int MAX_REPLICAS = 10_000;
    public static final long MAX_DEVICES = 10_000_000_000L;
    /** Generators keep state per device, so a pod's share of the pool is bounded by its memory. */
    public static final long MAX_DEVICES_PER_REPLICA = 5_000_000L;

    public static final int MAX_PARTITIONS = 100_000;
    /** spec.count: a quadrillion records is weeks at the highest targetRate. */
    public static final long MAX_COUNT = 1_000_000_000_000_000L;
    /** Smaller files would be mostly Parquet footer and CSV header. */
    public static final long MIN_ROLL_BYTES = 65_536;

    public static final int MAX_ROLL_SECONDS = 86_400;
    /** Legal Kafka topic names (also the CRD's pattern; "." and ".." are rejected here only). */
    public static final String TOPIC_PATTERN = "^[a-zA-Z0-9._-]{1,249}$";
    /** [persistent://tenant/namespace/ | tenant/namespace/]name, in the characters Pulsar allows in names. */
    public static final String PULSAR_TOPIC_PATTERN =
            "^((persistent|non-persistent)://[-=:.\\w]+/[-=:.\\w]+/|[-=:.\\w]+/[-=:.\\w]+/)?[-=:.\\w]+$";
    /** A Pulsar service URL: pulsar://host:port, or pulsar+ssl:// for TLS. */
    public static final String PULSAR_SERVICE_URL_PATTERN = "^pulsar(\\+ssl)?://\\S+$";
    /** A Pulsar admin API URL: http:// or https://. */
    public static final String PULSAR_ADMIN_URL_PATTERN = "^https?://\\S+$";
    /** A schema registry's base URL. */
    public static final String REGISTRY_URL_PATTERN = "^https?://\\S+$";
    /** A Secret's name: a DNS subdomain (lower-case letters, digits, '-' and '.'). */
    public static final String SECRET_NAME_PATTERN =
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** A key of a Secret's data, which is also the file name it is mounted as. */
    public static final String SECRET_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";
    /** A Secret's name is at most this long (also the CRD's maxLength). */
    public static final int MAX_SECRET_NAME_LENGTH = 253;

    private Limits() {}
}
