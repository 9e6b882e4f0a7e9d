package io.loadfleet.api.spec;

/** Pulsar producer compressionType, named as Pulsar names it. */
public enum PulsarCompression {
    NONE,
    LZ4,
    ZLIB,
    ZSTD,
    SNAPPY
}
