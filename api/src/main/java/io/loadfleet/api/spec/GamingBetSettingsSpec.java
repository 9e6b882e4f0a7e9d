package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * spec.generator.settings.gamingBet: the mix of wallet operations, the range of the players' stake
 * levels and the range every amount is held to.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = GamingBetSettingsSpec.CEL_MIN_STAKE_LEVEL + " <= " + GamingBetSettingsSpec.CEL_MAX_STAKE_LEVEL,
        fieldPath = ".minStakeLevel",
        message = "spec.generator.settings.gamingBet.minStakeLevel: is above maxStakeLevel: lower it or raise "
                + "maxStakeLevel (defaults " + GamingBetSettingsSpec.DEFAULT_MIN_STAKE_LEVEL + " and "
                + GamingBetSettingsSpec.DEFAULT_MAX_STAKE_LEVEL + ")")
@ValidationRule(
        value = GamingBetSettingsSpec.CEL_MIN_AMOUNT_USD + " <= " + GamingBetSettingsSpec.CEL_MAX_AMOUNT_USD,
        fieldPath = ".minAmountUsd",
        message = "spec.generator.settings.gamingBet.minAmountUsd: is above maxAmountUsd: lower it or raise "
                + "maxAmountUsd (defaults " + GamingBetSettingsSpec.DEFAULT_MIN_AMOUNT_USD + " and "
                + GamingBetSettingsSpec.DEFAULT_MAX_AMOUNT_USD + ")")
public class GamingBetSettingsSpec {
    public static final double DEFAULT_MIN_STAKE_LEVEL = 0.3;
    public static final double DEFAULT_MAX_STAKE_LEVEL = 5;
    public static final double MAX_STAKE_LEVEL = 1_000;
    public static final double DEFAULT_MIN_AMOUNT_USD = 0.10;
    public static final double DEFAULT_MAX_AMOUNT_USD = 50_000;
    public static final double MIN_AMOUNT_USD = 0.01;
    public static final double MAX_AMOUNT_USD = 1_000_000_000;

    static final String CEL_MIN_STAKE_LEVEL =
            "(has(self.minStakeLevel) ? self.minStakeLevel : " + DEFAULT_MIN_STAKE_LEVEL + ")";
    static final String CEL_MAX_STAKE_LEVEL =
            "(has(self.maxStakeLevel) ? self.maxStakeLevel : " + DEFAULT_MAX_STAKE_LEVEL + ")";
    static final String CEL_MIN_AMOUNT_USD =
            "(has(self.minAmountUsd) ? self.minAmountUsd : " + DEFAULT_MIN_AMOUNT_USD + ")";
    static final String CEL_MAX_AMOUNT_USD =
            "(has(self.maxAmountUsd) ? self.maxAmountUsd : " + DEFAULT_MAX_AMOUNT_USD + ")";

    @JsonPropertyDescription("How often each operation occurs: relative weights, all three given. Default bet "
            + OperationMixSpec.DEFAULT_BET + ", win " + OperationMixSpec.DEFAULT_WIN + ", refund "
            + OperationMixSpec.DEFAULT_REFUND + ".")
    private OperationMixSpec operationMix;

    @JsonPropertyDescription("Lowest stake level: each player stakes the game category's median stake times a level "
            + "of their own, drawn once per player, uniform in log space between minStakeLevel and maxStakeLevel; above "
            + "0 and at most 1000. Default " + DEFAULT_MIN_STAKE_LEVEL + ".")
    @Min(value = 0, inclusive = false)
    @Max(MAX_STAKE_LEVEL)
    private Double minStakeLevel;

    @JsonPropertyDescription("Highest stake level, above 0 and at most 1000, at least minStakeLevel. Default "
            + DEFAULT_MAX_STAKE_LEVEL + ".")
    @Min(value = 0, inclusive = false)
    @Max(MAX_STAKE_LEVEL)
    private Double maxStakeLevel;

    @JsonPropertyDescription("Lowest amount of a bet, win or refund in USD (amount_usd; a smaller one is raised to "
            + "it, as a table minimum), 0.01 to 1000000000. Default " + DEFAULT_MIN_AMOUNT_USD + ".")
    @Min(MIN_AMOUNT_USD)
    @Max(MAX_AMOUNT_USD)
    private Double minAmountUsd;

    @JsonPropertyDescription("Highest amount of a bet, win or refund in USD (a larger one is cut to it, as a table or "
            + "payout limit), 0.01 to 1000000000, at least minAmountUsd. Default " + DEFAULT_MAX_AMOUNT_USD + ".")
    @Min(MIN_AMOUNT_USD)
    @Max(MAX_AMOUNT_USD)
    private Double maxAmountUsd;

    /** The operation weights, or the defaults. */
    public OperationMixSpec effectiveOperationMix() {
        return operationMix == null ? OperationMixSpec.defaults() : operationMix;
    }

    public double effectiveMinStakeLevel() {
        return minStakeLevel == null ? DEFAULT_MIN_STAKE_LEVEL : minStakeLevel;
    }

    public double effectiveMaxStakeLevel() {
        return maxStakeLevel == null ? DEFAULT_MAX_STAKE_LEVEL : maxStakeLevel;
    }

    public double effectiveMinAmountUsd() {
        return minAmountUsd == null ? DEFAULT_MIN_AMOUNT_USD : minAmountUsd;
    }

    public double effectiveMaxAmountUsd() {
        return maxAmountUsd == null ? DEFAULT_MAX_AMOUNT_USD : maxAmountUsd;
    }

    public OperationMixSpec getOperationMix() {
        return operationMix;
    }

    public void setOperationMix(OperationMixSpec operationMix) {
        this.operationMix = operationMix;
    }

    public Double getMinStakeLevel() {
        return minStakeLevel;
    }

    public void setMinStakeLevel(Double minStakeLevel) {
        this.minStakeLevel = minStakeLevel;
    }

    public Double getMaxStakeLevel() {
        return maxStakeLevel;
    }

    public void setMaxStakeLevel(Double maxStakeLevel) {
        this.maxStakeLevel = maxStakeLevel;
    }

    public Double getMinAmountUsd() {
        return minAmountUsd;
    }

    public void setMinAmountUsd(Double minAmountUsd) {
        this.minAmountUsd = minAmountUsd;
    }

    public Double getMaxAmountUsd() {
        return maxAmountUsd;
    }

    public void setMaxAmountUsd(Double maxAmountUsd) {
        this.maxAmountUsd = maxAmountUsd;
    }
}
