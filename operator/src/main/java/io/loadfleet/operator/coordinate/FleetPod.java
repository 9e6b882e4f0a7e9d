package io.loadfleet.operator.coordinate;

import io.loadfleet.operator.coordinate.WorkerClient.WorkerAddress;

/**
 * A pod of the fleet as the informer shows it.
 *
 * @param address null until the pod has an IP
 */
public record FleetPod(int ordinal, WorkerAddress address, boolean ready) {}
