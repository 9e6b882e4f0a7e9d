package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GamingBetSettingsSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.records.GeneratedRecord;
import java.util.List;
import java.util.Locale;

/**
 * Online-gaming wallet movements. A player keeps one currency, one agent and one stake level;
 * each movement picks a game and an operation.
 */
final class GamingBetGenerator extends SeededRecordGenerator {

    private static final String[] OPERATIONS = {"bet", "win", "refund"};
    private static final int WIN = 1;

    private static final double STAKE_SPREAD = 0.8;
    private static final double MIN_WIN_MULTIPLE = 0.2;
    private static final double MEAN_EXTRA_WIN_MULTIPLE = 1.8;
    private static final double MAX_WIN_MULTIPLE = 40;

    private static final int TRAIT_CURRENCY = 1;
    private static final int TRAIT_AGENT = 2;
    private static final int TRAIT_STAKE_LEVEL = 3;

    private final int transactionIdPos = position("transaction_id");
    private final int agentPos = position("agent");
    private final int playerIdPos = position("player_id");
    private final int gameCategoryPos = position("game_category");
    private final int gamePos = position("game");
    private final int currencyPos = position("currency");
    private final int amountPos = position("amount");
    private final int amountInBasePos;
    private final int operationPos = position("operation");
    private final int timestampPos = position("timestamp");

    /** bet, win and refund, by the weights of spec.generator.settings.gamingBet.operationMix. */
    private final WeightedIndex operationOdds;
    /**
     * A player's stake level, between minStakeLevel and maxStakeLevel (default 0.3..5) uniform in log
     * space, so some players are high rollers.
     */
    private final double minStakeLevelLog;

    private final double maxStakeLevelLog;
    /** Every amount is held to [minAmountUsd, maxAmountUsd] (default 0.10..50000), as table limits do. */
    private final double minUsd;

    private final double maxUsd;

    private final String[] currencyCodes;
    private final double[] baseRate;
    private final WeightedIndex currencyOdds;
    private final String[] agentNames;
    private final WeightedIndex agentOdds;
    private final String[] categoryNames;
    private final double[] medianStakeUsd;
    private final String[][] games;
    private final WeightedIndex categoryOdds;

    GamingBetGenerator(GeneratorSettings settings, GamingBetSettingsSpec knobs) {
        super(GeneratorType.GAMING_BET, settings, "player-");
        operationOdds = new WeightedIndex(knobs.effectiveOperationMix().weights());
        minStakeLevelLog = Math.log(knobs.effectiveMinStakeLevel());
        maxStakeLevelLog = Math.log(knobs.effectiveMaxStakeLevel());
        minUsd = knobs.effectiveMinAmountUsd();
        maxUsd = knobs.effectiveMaxAmountUsd();
        GamingReference reference = GamingReference.load();
        // the converted field is named after the rates' base currency, so the two cannot drift apart
        amountInBasePos = position("amount_" + reference.rates().base().toLowerCase(Locale.ROOT));

        List<GamingReference.Currency> currencies = reference.currencies();
        currencyCodes = currencies.stream().map(GamingReference.Currency::code).toArray(String[]::new);
        baseRate = currencies.stream()
                .mapToDouble(c -> reference.rates().rates().get(c.code()))
                .toArray();
        currencyOdds = new WeightedIndex(currencies.stream()
                .mapToDouble(GamingReference.Currency::weight)
                .toArray());

        agentNames =
                reference.agents().stream().map(GamingReference.Agent::name).toArray(String[]::new);
        agentOdds = new WeightedIndex(reference.agents().stream()
                .mapToDouble(GamingReference.Agent::weight)
                .toArray());

        List<GamingReference.GameCategory> categories = reference.categories();
        categoryNames =
                categories.stream().map(GamingReference.GameCategory::name).toArray(String[]::new);
        medianStakeUsd = categories.stream()
                .mapToDouble(GamingReference.GameCategory::medianStakeUsd)
                .toArray();
        games = categories.stream().map(c -> c.games().toArray(String[]::new)).toArray(String[][]::new);
        categoryOdds = new WeightedIndex(categories.stream()
                .mapToDouble(GamingReference.GameCategory::weight)
                .toArray());
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        int currency = traits.pick(device, TRAIT_CURRENCY, currencyOdds);
        int agent = traits.pick(device, TRAIT_AGENT, agentOdds);
        double stakeLevel = Math.exp(traits.between(device, TRAIT_STAKE_LEVEL, minStakeLevelLog, maxStakeLevelLog));

        record.put(transactionIdPos, random.nextUuid());
        int category = categoryOdds.pick(random.nextDouble());
        int game = random.nextInt(games[category].length);
        int operation = operationOdds.pick(random.nextDouble());
        double usd = medianStakeUsd[category] * stakeLevel * Math.exp(STAKE_SPREAD * random.nextGaussian());
        if (operation == WIN) {
            usd *= Math.min(MAX_WIN_MULTIPLE, MIN_WIN_MULTIPLE + MEAN_EXTRA_WIN_MULTIPLE * random.nextExponential());
        }
        double amount = Math.max(0.01, Decimals.round2(Decimals.clamp(usd, minUsd, maxUsd) / baseRate[currency]));

        record.put(agentPos, agentNames[agent]);
        record.put(playerIdPos, deviceId(device));
        record.put(gameCategoryPos, categoryNames[category]);
        record.put(gamePos, games[category][game]);
        record.put(currencyPos, currencyCodes[currency]);
        record.put(amountPos, amount);
        record.put(amountInBasePos, Decimals.round2(amount * baseRate[currency]));
        record.put(operationPos, OPERATIONS[operation]);
        record.put(timestampPos, eventTimeMillis);
    }
}
