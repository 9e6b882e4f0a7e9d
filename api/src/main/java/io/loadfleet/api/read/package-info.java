/**
 * Reading a LoadProfile file: YAML or JSON into the model, with every type mistake (unknown field, wrong type,
 * unknown enum value) collected as a {@link io.loadfleet.api.problem.Problem}, then the meaning checked by
 * {@link io.loadfleet.api.validation}. The entry point of the CLI's commands; nothing else in api depends on it.
 */
package io.loadfleet.api.read;
