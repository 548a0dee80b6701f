package io.tidewater.apiserver.registry;

/**
 * How a kind's {@code scale} subresource maps onto its fields (JSON paths without the leading dot,
 * dot-separated). {@code labelSelectorPath} points at a {@code LabelSelector} object (built-in
 * kinds) or, when {@code selectorIsString}, at a selector already in string form (custom kinds), or
 * is null.
 */
public record ScaleMapping(String specReplicasPath, String statusReplicasPath, String labelSelectorPath, boolean selectorIsString) {
  public ScaleMapping(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {
    this(specReplicasPath, statusReplicasPath, labelSelectorPath, false);
  }
}
