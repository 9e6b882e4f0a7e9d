/**
 * The checks of a LoadProfile's meaning that the CLI and the operator share, each problem naming its field and
 * what is allowed; the CRD's CEL rules repeat those the API server can make. Nothing else in api depends on it
 * except {@link io.loadfleet.api.read}.
 */
package io.loadfleet.api.validation;
