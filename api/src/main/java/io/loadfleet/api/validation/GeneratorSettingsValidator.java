package io.loadfleet.api.validation;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.AlertOddsSpec;
import io.loadfleet.api.spec.GamingBetSettingsSpec;
import io.loadfleet.api.spec.GeneratorSettingsSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.OperationMixSpec;
import io.loadfleet.api.spec.StatusMixSpec;
import io.loadfleet.api.spec.TemperatureSettingsSpec;
import io.loadfleet.api.spec.TransactionSettingsSpec;
import java.util.List;

/** Checks spec.generator.settings: each block for the generator's type only, each knob within its bounds. */
final class GeneratorSettingsValidator {
    private static final String AT = "spec.generator.settings";

    private GeneratorSettingsValidator() {}

    static void validate(List<Problem> problems, GeneratorSettingsSpec settings, GeneratorType type) {
        if (settings == null) {
            return;
        }
        settings.givenBlocks().forEach((blockType, field) -> {
            if (blockType != type) {
                problems.add(new Problem(
                        AT + "." + field,
                        "is for type " + blockType.id() + " only (type is " + type.id() + "): remove it"));
            }
        });
        if (settings.getIotSensor() != null && settings.getIotSensor().getAlertOdds() != null) {
            AlertOddsSpec odds = settings.getIotSensor().getAlertOdds();
            String at = AT + ".iotSensor.alertOdds";
            share(problems, at + ".highTemperature", odds.getHighTemperature());
            share(problems, at + ".highHumidity", odds.getHighHumidity());
            share(problems, at + ".lowBattery", odds.getLowBattery());
        }
        if (settings.getSmartMeter() != null && settings.getSmartMeter().getStatusMix() != null) {
            StatusMixSpec mix = settings.getSmartMeter().getStatusMix();
            mix(
                    problems,
                    AT + ".smartMeter.statusMix",
                    "status",
                    "online 97, offline 2, maintenance 1",
                    new String[] {"online", "offline", "maintenance"},
                    new Double[] {mix.getOnline(), mix.getOffline(), mix.getMaintenance()});
        }
        if (settings.getTransaction() != null) {
            TransactionSettingsSpec transaction = settings.getTransaction();
            share(problems, AT + ".transaction.declineRate", transaction.getDeclineRate());
            share(problems, AT + ".transaction.fraudRate", transaction.getFraudRate());
        }
        if (settings.getGamingBet() != null) {
            gamingBet(problems, settings.getGamingBet());
        }
        if (settings.getTemperature() != null) {
            TemperatureSettingsSpec temperature = settings.getTemperature();
            within(
                    problems,
                    AT + ".temperature.driftPerDay",
                    temperature.getDriftPerDay(),
                    0,
                    TemperatureSettingsSpec.MAX_DRIFT_PER_DAY,
                    "°C a day");
            Integer days = temperature.getRecalibrationDays();
            if (days != null && (days < 1 || days > TemperatureSettingsSpec.MAX_RECALIBRATION_DAYS)) {
                problems.add(new Problem(
                        AT + ".temperature.recalibrationDays",
                        days + " is out of range: use 1 to " + TemperatureSettingsSpec.MAX_RECALIBRATION_DAYS
                                + " days"));
            }
        }
    }

    private static void gamingBet(List<Problem> problems, GamingBetSettingsSpec bet) {
        String at = AT + ".gamingBet";
        if (bet.getOperationMix() != null) {
            OperationMixSpec mix = bet.getOperationMix();
            mix(
                    problems,
                    at + ".operationMix",
                    "operation",
                    "bet 80, win 18, refund 2",
                    new String[] {"bet", "win", "refund"},
                    new Double[] {mix.getBet(), mix.getWin(), mix.getRefund()});
        }
        boolean levels = aboveZero(problems, at + ".minStakeLevel", bet.getMinStakeLevel())
                & aboveZero(problems, at + ".maxStakeLevel", bet.getMaxStakeLevel());
        if (levels && bet.effectiveMinStakeLevel() > bet.effectiveMaxStakeLevel()) {
            problems.add(new Problem(
                    at + ".minStakeLevel",
                    bet.effectiveMinStakeLevel() + " is above maxStakeLevel " + bet.effectiveMaxStakeLevel()
                            + ": lower it or raise maxStakeLevel (defaults "
                            + GamingBetSettingsSpec.DEFAULT_MIN_STAKE_LEVEL + " and "
                            + GamingBetSettingsSpec.DEFAULT_MAX_STAKE_LEVEL + ")"));
        }
        boolean amounts = within(
                        problems,
                        at + ".minAmountUsd",
                        bet.getMinAmountUsd(),
                        GamingBetSettingsSpec.MIN_AMOUNT_USD,
                        GamingBetSettingsSpec.MAX_AMOUNT_USD,
                        "USD")
                & within(
                        problems,
                        at + ".maxAmountUsd",
                        bet.getMaxAmountUsd(),
                        GamingBetSettingsSpec.MIN_AMOUNT_USD,
                        GamingBetSettingsSpec.MAX_AMOUNT_USD,
                        "USD");
        if (amounts && bet.effectiveMinAmountUsd() > bet.effectiveMaxAmountUsd()) {
            problems.add(new Problem(
                    at + ".minAmountUsd",
                    bet.effectiveMinAmountUsd() + " is above maxAmountUsd " + bet.effectiveMaxAmountUsd()
                            + ": lower it or raise maxAmountUsd (defaults "
                            + GamingBetSettingsSpec.DEFAULT_MIN_AMOUNT_USD + " and "
                            + GamingBetSettingsSpec.DEFAULT_MAX_AMOUNT_USD + ")"));
        }
    }

    /** Relative weights: each given, none negative, and not all zero. */
    private static void mix(
            List<Problem> problems, String at, String what, String example, String[] names, Double[] weights) {
        boolean ok = true;
        double sum = 0;
        for (int i = 0; i < names.length; i++) {
            Double w = weights[i];
            if (w == null) {
                problems.add(new Problem(
                        at + "." + names[i],
                        "is required: give " + String.join(", ", names) + " (relative weights, e.g. " + example + ")"));
                ok = false;
            } else if (!(w >= 0) || Double.isInfinite(w)) {
                problems.add(new Problem(at + "." + names[i], w + " is not a weight: use 0 or more"));
                ok = false;
            } else {
                sum += w;
            }
        }
        if (ok && sum == 0) {
            problems.add(new Problem(
                    at, "the weights sum to 0: give at least one " + what + " a weight above 0, e.g. " + example));
        }
    }

    /** A share of records: 0 to 1. */
    private static void share(List<Problem> problems, String at, Double value) {
        within(problems, at, value, 0, 1, "");
    }

    /** Whether {@code value} is unset or within [min, max]; adds the problem when not. */
    private static boolean within(
            List<Problem> problems, String at, Double value, double min, double max, String unit) {
        if (value == null || (value >= min && value <= max)) {
            return true;
        }
        problems.add(new Problem(
                at,
                value + " is out of range: use " + plain(min) + " to " + plain(max)
                        + (unit.isEmpty() ? "" : " " + unit)));
        return false;
    }

    private static boolean aboveZero(List<Problem> problems, String at, Double level) {
        if (level == null || (level > 0 && level <= GamingBetSettingsSpec.MAX_STAKE_LEVEL)) {
            return true;
        }
        problems.add(new Problem(
                at,
                level + " is out of range: use above 0 and at most " + plain(GamingBetSettingsSpec.MAX_STAKE_LEVEL)));
        return false;
    }

    /** A bound as a person writes it: 1 rather than 1.0, 0.01 as is. */
    private static String plain(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
