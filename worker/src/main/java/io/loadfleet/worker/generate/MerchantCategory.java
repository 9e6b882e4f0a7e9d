package io.loadfleet.worker.generate;

import java.util.List;

/**
 * A kind of spending and its merchants, as shipped in {@code reference/merchants.json}: amounts are
 * log-normal with the given median and spread (the standard deviation of the log).
 */
record MerchantCategory(
        String name, String purchase, double weight, double medianAmount, double spread, List<String> merchants) {

    static final String RESOURCE = "/reference/merchants.json";

    static List<MerchantCategory> load() {
        List<MerchantCategory> categories = List.of(ClasspathResources.json(RESOURCE, MerchantCategory[].class));
        for (MerchantCategory c : categories) {
            if (c.merchants() == null || c.merchants().isEmpty() || !(c.medianAmount() > 0)) {
                throw new IllegalStateException(
                        RESOURCE + ": category " + c.name() + " needs merchants and a positive median");
            }
        }
        return categories;
    }
}
