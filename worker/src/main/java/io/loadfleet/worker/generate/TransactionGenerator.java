package io.loadfleet.worker.generate;

import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.TransactionSettingsSpec;
import io.loadfleet.worker.records.GeneratedRecord;
import java.util.List;

/**
 * Account transactions: purchases at real-world merchants and the occasional refund, some declined
 * and a few fraudulent. The decline and fraud draws come after every other field's, so the earlier
 * fields are the ones the generator made before it had them.
 */
final class TransactionGenerator extends SeededRecordGenerator {

    private static final double CREDIT_SHARE = 0.12;
    private static final double MIN_AMOUNT = 0.01;
    private static final double MAX_AMOUNT = 10_000;

    private final int idPos = position("id");
    private final int descriptionPos = position("description");
    private final int amountPos = position("amount");
    private final int timestampPos = position("timestamp");
    private final int merchantPos = position("merchant");
    private final int operationTypePos = position("operation_type");
    private final int sidePos = position("side");
    private final int accountIdPos = position("account_id");
    private final int statusPos = position("status");
    private final int isFraudPos = position("is_fraud");

    private final double declineRate;
    private final double fraudRate;

    private final WeightedIndex categoryOdds;
    private final double[] medianAmount;
    private final double[] spread;
    private final String[][] merchants;
    /** Descriptions are built once here, so a fill allocates no strings for them. */
    private final String[][] debitDescriptions;

    private final String[][] creditDescriptions;

    TransactionGenerator(GeneratorSettings settings, TransactionSettingsSpec knobs) {
        super(GeneratorType.TRANSACTION, settings, "acct-");
        declineRate = knobs.effectiveDeclineRate();
        fraudRate = knobs.effectiveFraudRate();
        List<MerchantCategory> categories = MerchantCategory.load();
        int n = categories.size();
        categoryOdds = new WeightedIndex(
                categories.stream().mapToDouble(MerchantCategory::weight).toArray());
        medianAmount = new double[n];
        spread = new double[n];
        merchants = new String[n][];
        debitDescriptions = new String[n][];
        creditDescriptions = new String[n][];
        for (int c = 0; c < n; c++) {
            MerchantCategory category = categories.get(c);
            medianAmount[c] = category.medianAmount();
            spread[c] = category.spread();
            merchants[c] = category.merchants().toArray(String[]::new);
            debitDescriptions[c] = new String[merchants[c].length];
            creditDescriptions[c] = new String[merchants[c].length];
            for (int m = 0; m < merchants[c].length; m++) {
                debitDescriptions[c][m] = category.purchase() + " at " + merchants[c][m];
                creditDescriptions[c][m] = "Refund from " + merchants[c][m];
            }
        }
    }

    @Override
    protected void fillReading(int slot, long device, long eventTimeMillis, GeneratedRecord record) {
        record.put(idPos, random.nextUuid());
        int category = categoryOdds.pick(random.nextDouble());
        int merchant = random.nextInt(merchants[category].length);
        boolean credit = random.chance(CREDIT_SHARE);
        double amount = medianAmount[category] * Math.exp(spread[category] * random.nextGaussian());

        record.put(descriptionPos, (credit ? creditDescriptions : debitDescriptions)[category][merchant]);
        record.put(amountPos, Decimals.round2(Decimals.clamp(amount, MIN_AMOUNT, MAX_AMOUNT)));
        record.put(timestampPos, eventTimeMillis);
        record.put(merchantPos, merchants[category][merchant]);
        record.put(operationTypePos, credit ? "credit" : "debit");
        record.put(sidePos, credit ? "incoming" : "outgoing");
        record.put(accountIdPos, deviceId(device));
        record.put(statusPos, random.chance(declineRate) ? "declined" : "approved");
        record.put(isFraudPos, random.chance(fraudRate));
    }
}
