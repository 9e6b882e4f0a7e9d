package io.loadfleet.api.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A pod's answer to {@code PUT /schema}: the schema of a configuration the operator is about to roll
 * out, registered with the fleet's schema registry by a running pod (which holds the registry's
 * credentials; the operator reads no Secret). Exactly one field is set.
 *
 * @param schemaId      the id the registry gave the schema: the rollout may go ahead
 * @param refused       the registry refused the schema (incompatible under the subject's mode), in its words
 * @param registryError the registry could not be asked (unreachable, credentials refused)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchemaPreflight(Integer schemaId, String refused, String registryError) {
    public static SchemaPreflight registered(int schemaId) {
        return new SchemaPreflight(schemaId, null, null);
    }

    public static SchemaPreflight refusedBecause(String message) {
        return new SchemaPreflight(null, message, null);
    }

    public static SchemaPreflight failedBecause(String message) {
        return new SchemaPreflight(null, null, message);
    }
}
