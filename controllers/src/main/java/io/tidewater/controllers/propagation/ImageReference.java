package io.tidewater.controllers.propagation;

import io.tidewater.api.policy.ImageComponent;
import io.tidewater.api.policy.OverriderOperator;

/**
 * A container image reference split as Docker does: {@code [registry/]repository[:tag][@digest]};
 * the first path component is a registry when it has a '.' or ':' or is {@code localhost}.
 */
record ImageReference(String registry, String repository, String tag, String digest) {

  static ImageReference parse(String image) {
    String rest = image;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String registry = null;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  ImageReference override(ImageComponent component, OverriderOperator op, String value) {
    String v = value == null ? "" : value;
    return switch (component) {
      case REGISTRY -> new ImageReference(apply(registry, op, v), repository, tag, digest);
      case REPOSITORY -> new ImageReference(registry, orElse(apply(repository, op, v), repository), tag, digest);
      case TAG -> new ImageReference(registry, repository, apply(tag, op, v), digest);
    };
  }

  private static String apply(String current, OverriderOperator op, String value) {
    return switch (op) {
      case ADD -> current == null || current.isEmpty() ? value : current + value;
      case REMOVE -> null;
      case REPLACE -> value.isEmpty() ? null : value;
    };
  }

  private static String orElse(String v, String fallback) {
    return v == null || v.isEmpty() ? fallback : v;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (registry != null && !registry.isEmpty()) {
      sb.append(registry).append('/');
    }
    sb.append(repository);
    if (tag != null && !tag.isEmpty()) {
      sb.append(':').append(tag);
    }
    if (digest != null && !digest.isEmpty()) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }
}
