package io.tidewater.api.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed field selector ({@code metadata.name=x,status.phase!=Running}). Supports {@code =},
 * {@code ==} and {@code !=}, as Kubernetes does; backslash escapes {@code ,}, {@code =} and itself.
 */
public record FieldSelector(List<Term> terms) {

  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  public record Term(String field, boolean equals, String value) {
    @Override
    public String toString() {
      return field + (equals ? "=" : "!=") + value;
    }
  }

  public boolean isEverything() {
    return terms.isEmpty();
  }

  /** The value the selector requires for {@code field} with {@code =}, if any (for indexes). */
  public String requiredValue(String field) {
    for (Term t : terms) {
      if (t.equals && t.field.equals(field)) {
        return t.value;
      }
    }
    return null;
  }

  /** Whether the object's field values (looked up by name) satisfy every term. */
  public boolean matches(Function<String, String> fieldValue) {
    for (Term t : terms) {
      String v = fieldValue.apply(t.field);
      if (v == null) {
        v = "";
      }
      if (t.equals != v.equals(t.value)) {
        return false;
      }
    }
    return true;
  }

  public boolean matches(Map<String, String> fields) {
    return matches(fields::get);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    terms.forEach(t -> parts.add(t.toString()));
    return String.join(",", parts);
  }

  /**
   * @throws IllegalArgumentException with a message fit for a 400 response
   */
  public static FieldSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    List<Term> terms = new ArrayList<>();
    for (String part : splitUnescaped(selector, ',')) {
      if (part.isEmpty()) {
        continue;
      }
      int ne = indexUnescaped(part, "!=");
      int eq2 = indexUnescaped(part, "==");
      int eq = indexUnescaped(part, "=");
      String field;
      String value;
      boolean equals;
      if (ne >= 0 && (eq < 0 || ne < eq)) {
        field = part.substring(0, ne);
        value = part.substring(ne + 2);
        equals = false;
      } else if (eq2 >= 0 && eq2 == eq) {
        field = part.substring(0, eq2);
        value = part.substring(eq2 + 2);
        equals = true;
      } else if (eq >= 0) {
        field = part.substring(0, eq);
        value = part.substring(eq + 1);
        equals = true;
      } else {
        throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + part + "'");
      }
      terms.add(new Term(field.trim(), equals, unescape(value.trim())));
    }
    return new FieldSelector(Collections.unmodifiableList(terms));
  }

  private static List<String> splitUnescaped(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
      } else if (c == sep) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static int indexUnescaped(String s, String token) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
        continue;
      }
      if (s.startsWith(token, i)) {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        out.append(s.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
