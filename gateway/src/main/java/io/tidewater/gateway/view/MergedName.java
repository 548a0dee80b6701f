package io.tidewater.gateway.view;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a member's object in the merged view: {@code <cluster>.<name>}. Cluster names are
 * DNS labels, so the part before the first dot is always the cluster, the merged name of a DNS
 * subdomain name is again a DNS subdomain, and two clusters' objects of the same name never
 * collide.
 */
public record MergedName(String cluster, String name) {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public static String of(String cluster, String name) {
    return cluster + "." + name;
  }

  public String merged() {
    return of(cluster, name);
  }

  /** Splits a merged name; empty for a name no member object can have. */
  public static Optional<MergedName> parse(String merged) {
    if (merged == null) {
      return Optional.empty();
    }
    int dot = merged.indexOf('.');
    if (dot <= 0 || dot == merged.length() - 1) {
      return Optional.empty();
    }
    String cluster = merged.substring(0, dot);
    if (!DNS_LABEL.matcher(cluster).matches()) {
      return Optional.empty();
    }
    return Optional.of(new MergedName(cluster, merged.substring(dot + 1)));
  }
}
