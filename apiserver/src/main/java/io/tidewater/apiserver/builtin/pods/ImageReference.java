package io.tidewater.apiserver.builtin.pods;

import java.util.regex.Pattern;

/**
 * Just enough of the container image reference grammar to find the tag, as Kubernetes'
 * {@code parsers.ParseImageName} does for the pull-policy default: no tag and no digest means
 * "latest"; an unparseable reference has no tag at all.
 */
final class ImageReference {
  private ImageReference() {}

  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*");

  /** The tag, "latest" when neither tag nor digest is given, "" when there is a digest only or the reference is invalid. */
  static String tag(String image) {
    if (image == null || image.isEmpty()) {
      return "";
    }
    String rest = image;
    boolean digest = false;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = true;
      rest = rest.substring(0, at);
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        return "";
      }
    }
    // The first path component is a registry host when it has a dot or a port, or is localhost.
    int slash = rest.indexOf('/');
    String path = rest;
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase())) {
        path = rest.substring(slash + 1);
      }
    }
    if (!PATH.matcher(path).matches()) {
      return "";
    }
    if (tag.isEmpty() && !digest) {
      return "latest";
    }
    return tag;
  }
}
