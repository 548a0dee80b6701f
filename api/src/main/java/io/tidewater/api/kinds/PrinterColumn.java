package io.tidewater.api.kinds;

import java.util.function.Function;

/**
 * One column of {@code kubectl get} for a kind, as a Table {@code columnDefinition} plus the function that
 * computes its cell. Cells are Strings, Integers or Longs, or null for "none". A {@code date} column's cell is
 * the RFC 3339 timestamp; the server turns it into an age ({@code 5m}) as Kubernetes does for custom
 * resources. The server prepends the Name column itself.
 *
 * @param name column header (kubectl upper-cases it)
 * @param type {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code date}
 * @param format OpenAPI format hint, usually empty
 * @param description what the column shows
 * @param priority 0 for the default view, 1 for {@code -o wide} only
 * @param cell computes the cell from the object
 */
public record PrinterColumn<T>(
    String name, String type, String format, String description, int priority, Function<? super T, Object> cell) {

  public static <T> PrinterColumn<T> of(String name, String type, String description, Function<? super T, Object> cell) {
    return new PrinterColumn<>(name, type, "", description, 0, cell);
  }

  public static <T> PrinterColumn<T> wide(String name, String type, String description, Function<? super T, Object> cell) {
    return new PrinterColumn<>(name, type, "", description, 1, cell);
  }

  /** The standard Age column. */
  public static <T extends TidewaterObject> PrinterColumn<T> age() {
    return new PrinterColumn<>(
        "Age", "date", "",
        "CreationTimestamp is a timestamp representing the server time when this object was created.",
        0, o -> o.metadata() == null ? null : o.metadata().getCreationTimestamp());
  }

  /** The cell for {@code object}; a failing cell function yields null rather than failing the whole table. */
  public Object cellOf(T object) {
    try {
      return cell.apply(object);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
