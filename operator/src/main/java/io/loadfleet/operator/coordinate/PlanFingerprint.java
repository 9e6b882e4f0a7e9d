package io.loadfleet.operator.coordinate;

import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.spec.StageSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an epoch's assignments are computed from. Two specs with the same fingerprint give the
 * same assignments, so only a different fingerprint needs a new epoch (a scale change, in Flink's
 * terms); generator, format and sink are static config and roll pods instead.
 */
public final class PlanFingerprint {

    private PlanFingerprint() {}

    public static String of(LoadProfileSpec spec, int replicas, String verifyToken) {
        StringBuilder b = new StringBuilder()
                .append("rate=")
                .append(spec.getTargetRate())
                .append(";replicas=")
                .append(replicas)
                .append(";devices=")
                .append(spec.getDevices().getCount())
                .append(";paused=")
                .append(spec.isPaused())
                .append(";duration=")
                .append(spec.getDuration());
        for (StageSpec s : spec.getStages()) {
            b.append(";stage=").append(s.getDuration()).append('/').append(s.getTargetRate());
        }
        if (spec.getCount() != null) { // absent without spec.count, so existing fleets keep their fingerprint
            b.append(";count=").append(spec.getCount());
        }
        if (verifyToken != null) { // absent without spec.verify, so existing fleets keep their fingerprint
            b.append(";verify=").append(verifyToken);
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
