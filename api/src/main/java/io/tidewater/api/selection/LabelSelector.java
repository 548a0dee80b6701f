package io.tidewater.api.selection;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.validation.NameRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A parsed label selector with Kubernetes' semantics: the string form used in {@code
 * ?labelSelector=} ({@code a=b, c!=d, e in (f,g), h notin (i), j, !k}) and the object form
 * ({@code matchLabels} and {@code matchExpressions}). All requirements must hold.
 */
public record LabelSelector(List<Requirement> requirements) {

  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  /** Matches nothing: a null {@code LabelSelector} object in some APIs means "select none". */
  public static final LabelSelector NOTHING =
      new LabelSelector(List.of(new Requirement("", Operator.IN, List.of())));

  public enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  /** One requirement; {@code values} is sorted. */
  public record Requirement(String key, Operator operator, List<String> values) {
    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> v != null && values.contains(v);
        case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case DOES_NOT_EXIST -> v == null;
      };
    }

    @Override
    public String toString() {
      return switch (operator) {
        case EQUALS -> key + "=" + values.get(0);
        case NOT_EQUALS -> key + "!=" + values.get(0);
        case IN -> key + " in (" + String.join(",", values) + ")";
        case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
      };
    }
  }

  public boolean isEverything() {
    return requirements.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>(requirements.size());
    requirements.forEach(r -> parts.add(r.toString()));
    return String.join(",", parts);
  }

  /**
   * Parses the string form.
   *
   * @throws IllegalArgumentException with a message fit for a 400 response
   */
  public static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    return new LabelSelector(new Parser(selector).parse());
  }

  /**
   * Converts a {@code metav1.LabelSelector} object. A null or missing node selects nothing;
   * an empty object selects everything, as in Kubernetes' {@code LabelSelectorAsSelector}.
   */
  public static LabelSelector fromObject(JsonNode node) {
    if (node == null || node.isNull()) {
      return NOTHING;
    }
    List<Requirement> reqs = new ArrayList<>();
    JsonNode ml = node.get("matchLabels");
    if (ml != null && ml.isObject()) {
      ml.fields().forEachRemaining(e -> reqs.add(requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue().asText()))));
    }
    JsonNode me = node.get("matchExpressions");
    if (me != null && me.isArray()) {
      for (JsonNode expr : me) {
        String key = expr.path("key").asText("");
        String op = expr.path("operator").asText("");
        List<String> values = new ArrayList<>();
        expr.path("values").forEach(v -> values.add(v.asText()));
        Operator operator =
            switch (op) {
              case "In" -> Operator.IN;
              case "NotIn" -> Operator.NOT_IN;
              case "Exists" -> Operator.EXISTS;
              case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
              default -> throw new IllegalArgumentException("\"" + op + "\" is not a valid label selector operator");
            };
        reqs.add(requirement(key, operator, values));
      }
    }
    return new LabelSelector(sorted(reqs));
  }

  private static List<Requirement> sorted(List<Requirement> reqs) {
    List<Requirement> copy = new ArrayList<>(reqs);
    copy.sort((a, b) -> a.key().compareTo(b.key()));
    return Collections.unmodifiableList(copy);
  }

  static Requirement requirement(String key, Operator op, List<String> values) {
    List<String> keyErrs = NameRules.qualifiedName(key);
    if (!keyErrs.isEmpty()) {
      throw new IllegalArgumentException("invalid label key \"" + key + "\": " + String.join("; ", keyErrs));
    }
    switch (op) {
      case IN, NOT_IN -> {
        if (values.isEmpty()) {
          throw new IllegalArgumentException("for 'in', 'notin' operators, values set can't be empty");
        }
      }
      case EQUALS, NOT_EQUALS -> {
        if (values.size() != 1) {
          throw new IllegalArgumentException("exact-match compatibility requires one single value");
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!values.isEmpty()) {
          throw new IllegalArgumentException("values set must be empty for exists and does not exist");
        }
      }
    }
    for (String v : values) {
      List<String> errs = NameRules.labelValue(v);
      if (!errs.isEmpty()) {
        throw new IllegalArgumentException("invalid label value: \"" + v + "\": " + String.join("; ", errs));
      }
    }
    return new Requirement(key, op, List.copyOf(new TreeSet<>(values)));
  }

  /** A small recursive-descent parser over the string form, following apimachinery's lexer. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    List<Requirement> parse() {
      List<Requirement> reqs = new ArrayList<>();
      while (true) {
        skipSpaces();
        if (pos >= s.length()) {
          throw error("found '', expected: !, identifier, or 'end of string'");
        }
        reqs.add(requirement());
        skipSpaces();
        if (pos >= s.length()) {
          break;
        }
        if (s.charAt(pos) != ',') {
          throw error("found '" + s.charAt(pos) + "', expected: ',' or 'end of string'");
        }
        pos++;
      }
      return sorted(reqs);
    }

    private Requirement requirement() {
      if (s.charAt(pos) == '!') {
        pos++;
        skipSpaces();
        return LabelSelector.requirement(identifier(), Operator.DOES_NOT_EXIST, List.of());
      }
      String key = identifier();
      skipSpaces();
      if (pos >= s.length() || s.charAt(pos) == ',') {
        return LabelSelector.requirement(key, Operator.EXISTS, List.of());
      }
      if (s.startsWith("==", pos)) {
        pos += 2;
        return LabelSelector.requirement(key, Operator.EQUALS, List.of(value()));
      }
      if (s.startsWith("!=", pos)) {
        pos += 2;
        return LabelSelector.requirement(key, Operator.NOT_EQUALS, List.of(value()));
      }
      if (s.charAt(pos) == '=') {
        pos++;
        return LabelSelector.requirement(key, Operator.EQUALS, List.of(value()));
      }
      String word = word();
      Operator op =
          switch (word) {
            case "in" -> Operator.IN;
            case "notin" -> Operator.NOT_IN;
            default -> throw error("found '" + word + "', expected: in, notin, =, ==, !=, gt, lt");
          };
      skipSpaces();
      if (pos >= s.length() || s.charAt(pos) != '(') {
        throw error("found '" + (pos < s.length() ? s.charAt(pos) : "") + "', expected: '('");
      }
      pos++;
      List<String> values = new ArrayList<>();
      while (true) {
        skipSpaces();
        if (pos < s.length() && s.charAt(pos) == ')') {
          pos++;
          break;
        }
        values.add(value());
        skipSpaces();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else if (pos < s.length() && s.charAt(pos) == ')') {
          pos++;
          break;
        } else {
          throw error("found '" + (pos < s.length() ? s.charAt(pos) : "") + "', expected: ',', or ')'");
        }
      }
      return LabelSelector.requirement(key, op, values);
    }

    private String identifier() {
      String w = word();
      if (w.isEmpty()) {
        throw error("found '" + (pos < s.length() ? s.charAt(pos) : "") + "', expected: identifier");
      }
      return w;
    }

    private String value() {
      skipSpaces();
      return word();
    }

    private String word() {
      int start = pos;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (Character.isWhitespace(c) || c == ',' || c == '=' || c == '!' || c == '(' || c == ')') {
          break;
        }
        pos++;
      }
      return s.substring(start, pos);
    }

    private void skipSpaces() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException("unable to parse requirement: " + message);
    }
  }
}
