package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * spec.generator.settings.transaction: the shares of declined and of fraudulent transactions, each
 * drawn independently of each other and of the other fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TransactionSettingsSpec {
    /** About the decline rate of card payments across card-present and online ones. */
    public static final double DEFAULT_DECLINE_RATE = 0.03;
    /** About the share of card transactions later reported as fraud. */
    public static final double DEFAULT_FRAUD_RATE = 0.001;

    @JsonPropertyDescription("Share of transactions with status declined (the rest approved), 0 to 1. Default "
            + DEFAULT_DECLINE_RATE + ".")
    @Min(0)
    @Max(1)
    private Double declineRate;

    @JsonPropertyDescription("Share of transactions with is_fraud true, 0 to 1. Default " + DEFAULT_FRAUD_RATE + ".")
    @Min(0)
    @Max(1)
    private Double fraudRate;

    public double effectiveDeclineRate() {
        return declineRate == null ? DEFAULT_DECLINE_RATE : declineRate;
    }

    public double effectiveFraudRate() {
        return fraudRate == null ? DEFAULT_FRAUD_RATE : fraudRate;
    }

    public Double getDeclineRate() {
        return declineRate;
    }

    public void setDeclineRate(Double declineRate) {
        this.declineRate = declineRate;
    }

    public Double getFraudRate() {
        return fraudRate;
    }

    public void setFraudRate(Double fraudRate) {
        this.fraudRate = fraudRate;
    }
}
