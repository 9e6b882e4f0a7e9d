/**
 * How every check reports: a {@link io.loadfleet.api.problem.Problem} names a field and what is allowed there.
 * Below the checks (reading, validation, the user's Avro schema) so that they can all use it.
 */
package io.loadfleet.api.problem;
