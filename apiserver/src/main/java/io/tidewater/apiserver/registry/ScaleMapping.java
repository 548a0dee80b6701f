package io.tidewater.apiserver.registry;

/**
 * How a kind's {@code scale} subresource maps onto its fields (JSON paths without the leading dot,
 * dot-separated). {@code labelSelectorPath} points at a {@code LabelSelector} object, or is null.
 */
public record ScaleMapping(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {}
