package io.tidewater.api.kinds;

/**
 * Where a kind keeps what the {@code scale} subresource (autoscaling/v1 Scale) reads and writes, as JSON
 * paths in the form custom resource definitions use.
 *
 * @param specReplicasPath for example {@code .spec.replicasPerShard}; Scale's spec.replicas
 * @param statusReplicasPath Scale's status.replicas
 * @param labelSelectorPath a string-form label selector in status; Scale's status.selector, which HPAs use
 */
public record ScaleSubresource(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {}
