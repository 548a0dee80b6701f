package io.tidewater.api.snapshot;

/**
 * {@code nodes} nodes of one class that have exactly {@code free} resources left: allocatable
 * minus the requests of the non-terminal pods bound to them. {@code free.get("pods")} is the
 * number of pod slots left. Amounts can be negative on an overcommitted node.
 */
public record FreeCapacity(ResourceAmounts free, int nodes) {}
