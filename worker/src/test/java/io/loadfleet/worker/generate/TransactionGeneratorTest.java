package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.assertDecimals;
import static io.loadfleet.worker.generate.GeneratorFixtures.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.GeneratorType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransactionGeneratorTest {

    private static final int READINGS = 100_000;

    @Test
    void transactionsAreConsistentAndUseTheShippedMerchants() {
        Map<String, String> purchaseByMerchant = new HashMap<>();
        for (MerchantCategory category : MerchantCategory.load()) {
            category.merchants().forEach(m -> purchaseByMerchant.put(m, category.purchase()));
        }
        assertTrue(purchaseByMerchant.size() >= 45, "about 50 merchants ship");

        Set<String> seenMerchants = new HashSet<>();
        Set<String> ids = new HashSet<>();
        long[] credits = new long[1];
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.TRANSACTION), READINGS, r -> {
            String merchant = r.get("merchant").toString();
            String operation = r.get("operation_type").toString();
            assertTrue(purchaseByMerchant.containsKey(merchant), merchant);
            seenMerchants.add(merchant);
            switch (operation) {
                case "debit" -> {
                    assertEquals("outgoing", r.get("side"));
                    assertEquals(purchaseByMerchant.get(merchant) + " at " + merchant, r.get("description"));
                }
                case "credit" -> {
                    assertEquals("incoming", r.get("side"));
                    assertEquals("Refund from " + merchant, r.get("description"));
                    credits[0]++;
                }
                default -> throw new AssertionError("operation_type " + operation);
            }
            double amount = (Double) r.get("amount");
            assertTrue(amount > 0 && amount <= 10_000, "amount " + amount);
            assertDecimals(amount, 2, "amount");
            ids.add(r.get("id").toString());
        });
        assertEquals(purchaseByMerchant.keySet(), seenMerchants, "every merchant occurs");
        assertEquals(0.12, share(credits[0], READINGS), 0.005, "credit share");
        assertEquals(READINGS, ids.size(), "ids are unique");
    }

    @Test
    void idsAreVersion4Uuids() {
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.TRANSACTION), 1_000, r -> {
            String id = r.get("id").toString();
            UUID uuid = UUID.fromString(id);
            assertEquals(id, uuid.toString());
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant());
        });
    }

    @Test
    void amountsSpreadLikeRealSpending() {
        long[] small = new long[1];
        long[] large = new long[1];
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.TRANSACTION), READINGS, r -> {
            double amount = (Double) r.get("amount");
            small[0] += amount < 10 ? 1 : 0;
            large[0] += amount > 200 ? 1 : 0;
        });
        assertTrue(share(small[0], READINGS) > 0.1, "plenty of small purchases");
        assertTrue(share(large[0], READINGS) > 0.01 && share(large[0], READINGS) < 0.2, "a tail of large ones");
    }

    @Test
    void accountIdIsTheZeroPaddedAccountNumber() {
        assertEquals(
                "acct-0012345",
                GeneratorFixtures.create(GeneratorType.TRANSACTION).deviceLabel(12_345));
    }
}
