package io.tidewater.simulator.nodes;

import io.tidewater.apiserver.storage.EventType;

/**
 * One change to the nodes, in revision order.
 *
 * @param record the node after the change; for DELETED its last state
 * @param previous the node before the change, null for ADDED
 */
public record NodeEvent(EventType type, NodeRecord record, NodeRecord previous, long revision) {}
