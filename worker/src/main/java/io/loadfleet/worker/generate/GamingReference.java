package io.loadfleet.worker.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The gaming reference data shipped under {@code reference/}, loaded once per generator. */
record GamingReference(
        List<Currency> currencies, CurrencyRates rates, List<Agent> agents, List<GameCategory> categories) {

    /** An ISO 4217 currency and how often players hold it. */
    record Currency(String code, String name, double weight) {}

    /** Static sample rates: {@code rates.get(code)} is the value of one unit of {@code code} in {@code base}. */
    record CurrencyRates(@JsonProperty("_note") String note, String base, Map<String, Double> rates) {}

    /** An operator or affiliate that brings players, and its share of them. */
    record Agent(String name, double weight) {}

    /** A game category, its share of play, its typical stake and its games. */
    record GameCategory(String name, double weight, double medianStakeUsd, List<String> games) {}

    static GamingReference load() {
        GamingReference reference = new GamingReference(
                List.of(ClasspathResources.json("/reference/currencies.json", Currency[].class)),
                ClasspathResources.json("/reference/currency-rates.json", CurrencyRates.class),
                List.of(ClasspathResources.json("/reference/agents.json", Agent[].class)),
                List.of(ClasspathResources.json("/reference/game-categories.json", GameCategory[].class)));
        for (Currency currency : reference.currencies()) {
            Double rate = reference.rates().rates().get(currency.code());
            if (rate == null || !(rate > 0)) {
                throw new IllegalStateException(
                        "reference/currency-rates.json has no positive rate for " + currency.code());
            }
        }
        for (GameCategory category : reference.categories()) {
            if (category.games() == null || category.games().isEmpty() || !(category.medianStakeUsd() > 0)) {
                throw new IllegalStateException("reference/game-categories.json: " + category.name()
                        + " needs games and a positive median stake");
            }
        }
        return reference;
    }
}
