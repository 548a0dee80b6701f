package io.tidewater.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import java.time.Duration;
import java.time.Instant;

/** Building blocks for printer columns, formatted as kubectl's built-in printers format them. */
public final class Columns {
  private Columns() {}

  public static PrinterColumn age() {
    return PrinterColumn.of(
        "Age",
        "string",
        "CreationTimestamp is a timestamp representing the server time when this object was created.",
        obj -> ageOf(ObjectMetas.creationTimestamp(obj)));
  }

  /** Kubernetes' {@code translateTimestampSince}: "<unknown>" when unset, else a human duration. */
  public static String ageOf(String timestamp) {
    if (timestamp == null) {
      return "<unknown>";
    }
    try {
      return humanDuration(Duration.between(Instant.parse(timestamp), Instant.now()));
    } catch (RuntimeException e) {
      return "<invalid>";
    }
  }

  /** apimachinery's {@code duration.HumanDuration}: two significant units, e.g. 5m, 2d3h, 45s. */
  public static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return (hours / 24) + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + dy + "d";
    }
    return (hours / 24 / 365) + "y";
  }

  /** The value at a dot-separated path, or null. */
  public static JsonNode at(ObjectNode obj, String path) {
    JsonNode cur = obj;
    for (String part : path.split("\\.")) {
      if (cur == null) {
        return null;
      }
      cur = cur.get(part);
    }
    return cur == null || cur.isNull() ? null : cur;
  }

  public static String text(ObjectNode obj, String path, String fallback) {
    JsonNode n = at(obj, path);
    return n == null ? fallback : n.asText();
  }

  public static long number(ObjectNode obj, String path) {
    JsonNode n = at(obj, path);
    return n == null ? 0 : n.asLong();
  }
}
