package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.SEED;
import static io.loadfleet.worker.generate.GeneratorFixtures.assertDecimals;
import static io.loadfleet.worker.generate.GeneratorFixtures.eventTime;
import static io.loadfleet.worker.generate.GeneratorFixtures.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.GeneratorType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class GamingBetGeneratorTest {

    private static final int READINGS = 100_000;
    private static final GamingReference REFERENCE = GamingReference.load();

    @Test
    void referenceDataShipsRealCurrenciesWithStaticRates() {
        assertEquals(20, REFERENCE.currencies().size());
        assertEquals("USD", REFERENCE.rates().base());
        assertTrue(REFERENCE.rates().note().toLowerCase().contains("static sample rates"));
        for (GamingReference.Currency currency : REFERENCE.currencies()) {
            java.util.Currency iso = java.util.Currency.getInstance(currency.code()); // throws if not ISO 4217
            assertEquals(currency.code(), iso.getCurrencyCode());
            assertTrue(REFERENCE.rates().rates().get(currency.code()) > 0);
        }
        assertEquals(10, REFERENCE.agents().size());
        assertEquals(6, REFERENCE.categories().size());
        REFERENCE.categories().forEach(c -> assertTrue(c.games().size() >= 5, c.name()));
    }

    @Test
    void betsUseTheReferenceDataAndConvertAtTheShippedRate() {
        Set<String> agents =
                REFERENCE.agents().stream().map(GamingReference.Agent::name).collect(Collectors.toSet());
        Map<String, List<String>> gamesByCategory = REFERENCE.categories().stream()
                .collect(Collectors.toMap(GamingReference.GameCategory::name, GamingReference.GameCategory::games));
        Map<String, Long> byOperation = new HashMap<>();
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.GAMING_BET), READINGS, r -> {
            String currency = r.get("currency").toString();
            Double rate = REFERENCE.rates().rates().get(currency);
            assertTrue(rate != null, "currency " + currency + " is in the shipped list");
            assertTrue(
                    agents.contains(r.get("agent").toString()), r.get("agent").toString());
            List<String> games = gamesByCategory.get(r.get("game_category").toString());
            assertTrue(
                    games != null && games.contains(r.get("game").toString()),
                    r.get("game") + " in " + r.get("game_category"));

            double amount = (Double) r.get("amount");
            double usd = (Double) r.get("amount_usd");
            assertTrue(amount >= 0.01, "amount " + amount);
            assertTrue(usd > 0 && usd <= 50_000.01, "amount_usd " + usd);
            assertDecimals(amount, 2, "amount");
            assertEquals(Decimals.round2(amount * rate), usd, 0.0, "amount_usd is amount at the shipped rate");
            byOperation.merge(r.get("operation").toString(), 1L, Long::sum);
        });
        assertEquals(Set.of("bet", "win", "refund"), byOperation.keySet());
        assertEquals(0.80, share(byOperation.get("bet"), READINGS), 0.01, "mostly bets");
    }

    @Test
    void aPlayerKeepsCurrencyAndAgentInEveryShardLayout() {
        Map<String, List<Object>> byPlayer = new HashMap<>();
        GeneratorFixtures.generate(GeneratorFixtures.create(GeneratorType.GAMING_BET), 20_000, r -> {
            List<Object> wallet = List.of(r.get("currency"), r.get("agent"));
            List<Object> first = byPlayer.putIfAbsent(r.get("player_id").toString(), wallet);
            assertTrue(first == null || first.equals(wallet), "player " + r.get("player_id") + " changed wallet");
        });
        assertTrue(
                byPlayer.values().stream().map(w -> w.get(0)).distinct().count() > 10, "players hold many currencies");

        RecordGenerator otherShard =
                Generators.create(GeneratorType.GAMING_BET, new GeneratorSettings(SEED, 3, 12_500, 12_600));
        GenericData.Record record;
        for (long player = 12_500; player < 12_600; player++) {
            record = GeneratorFixtures.fill(otherShard, player, player, eventTime(player));
            assertEquals(
                    byPlayer.get(record.get("player_id").toString()),
                    List.of(record.get("currency"), record.get("agent")));
        }
    }

    @Test
    void playerIdIsTheZeroPaddedPlayerNumber() {
        assertEquals(
                "player-0012345",
                GeneratorFixtures.create(GeneratorType.GAMING_BET).deviceLabel(12_345));
    }
}
