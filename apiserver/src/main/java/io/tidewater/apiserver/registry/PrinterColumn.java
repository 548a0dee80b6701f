package io.tidewater.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * One column of a kind's Table output ({@code kubectl get}). Priority 0 columns are always shown;
 * priority 1 only with {@code -o wide}. The first column of every table is NAME, with format
 * {@code name}, added by the table convertor.
 *
 * @param cell computes the cell from the object; returns a String, Number or Boolean, never null
 */
public record PrinterColumn(
    String name, String type, String format, String description, int priority, Function<ObjectNode, Object> cell) {

  public static PrinterColumn of(String name, String type, String description, Function<ObjectNode, Object> cell) {
    return new PrinterColumn(name, type, "", description, 0, cell);
  }

  public static PrinterColumn wide(String name, String type, String description, Function<ObjectNode, Object> cell) {
    return new PrinterColumn(name, type, "", description, 1, cell);
  }
}
