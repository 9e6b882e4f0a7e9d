package io.loadfleet.api.validation;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.Durations;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.api.spec.VerifySpec;
import java.time.Duration;
import java.util.List;

/** spec.verify: live verification reads a broker's topic, for a while, under a name. */
final class VerifyValidator {
    private VerifyValidator() {}

    static void validate(List<Problem> problems, VerifySpec verify, SinkSpec sink) {
        if (verify == null) {
            return;
        }
        if (verify.isOn() && sink != null && sink.filesOnly()) {
            problems.add(new Problem(
                    "spec.verify",
                    "does not apply to sink.file: verifiers read a broker's topic; send to sink.kafka or "
                            + "sink.pulsar too, or remove spec.verify"));
        }
        Integer replicas = verify.getReplicas();
        if (replicas != null && (replicas < 1 || replicas > VerifySpec.MAX_REPLICAS)) {
            problems.add(new Problem(
                    "spec.verify.replicas",
                    replicas + " is out of range: use 1 to " + VerifySpec.MAX_REPLICAS
                            + ", or leave it out to derive it from targetRate and the topic's partitions"));
        }
        String subscription = verify.getSubscription();
        if (subscription != null && !subscription.matches(VerifySpec.SUBSCRIPTION_PATTERN)) {
            problems.add(new Problem(
                    "spec.verify.subscription",
                    "\"" + subscription + "\" is not a name: use 1 to 200 letters, digits, '.', '_' or '-', or "
                            + "leave it out for loadfleet-verify-NAME"));
        }
        String grace = verify.getGrace();
        if (grace != null) {
            Duration d = Durations.parse(grace).orElse(null);
            if (d == null || d.isZero() || d.compareTo(VerifySpec.MAX_GRACE) > 0) {
                problems.add(new Problem(
                        "spec.verify.grace",
                        "\"" + grace + "\" is not a duration above 0 and at most 1h: use e.g. 30s or 2m, or leave "
                                + "it out for 30s"));
            }
        }
    }
}
