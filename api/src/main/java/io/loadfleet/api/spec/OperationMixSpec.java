package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * spec.generator.settings.gamingBet.operationMix: relative weights of the wallet operations; an
 * operation's share of movements (the win rate, for win) is its weight over the three weights' sum.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.bet) || !has(self.win) || !has(self.refund) || self.bet + self.win + self.refund > 0.0",
        message = "spec.generator.settings.gamingBet.operationMix: the weights sum to 0: give at least one operation "
                + "a weight above 0, e.g. bet 80, win 18, refund 2")
public class OperationMixSpec {
    public static final int DEFAULT_BET = 80;
    public static final int DEFAULT_WIN = 18;
    public static final int DEFAULT_REFUND = 2;

    @JsonPropertyDescription("Weight of bets, 0 or more.")
    @Required
    @Min(0)
    private Double bet;

    @JsonPropertyDescription("Weight of wins, 0 or more.")
    @Required
    @Min(0)
    private Double win;

    @JsonPropertyDescription("Weight of refunds, 0 or more.")
    @Required
    @Min(0)
    private Double refund;

    public OperationMixSpec() {}

    public OperationMixSpec(Double bet, Double win, Double refund) {
        this.bet = bet;
        this.win = win;
        this.refund = refund;
    }

    /** The mix the gaming-bet generator always had: 80 % bets, 18 % wins, 2 % refunds. */
    public static OperationMixSpec defaults() {
        return new OperationMixSpec((double) DEFAULT_BET, (double) DEFAULT_WIN, (double) DEFAULT_REFUND);
    }

    /** The weights of bet, win and refund, in that order, of a validated mix. */
    @JsonIgnore
    public double[] weights() {
        return new double[] {bet, win, refund};
    }

    public Double getBet() {
        return bet;
    }

    public void setBet(Double bet) {
        this.bet = bet;
    }

    public Double getWin() {
        return win;
    }

    public void setWin(Double win) {
        this.win = win;
    }

    public Double getRefund() {
        return refund;
    }

    public void setRefund(Double refund) {
        this.refund = refund;
    }
}
