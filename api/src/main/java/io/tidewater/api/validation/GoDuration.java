package io.tidewater.api.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} syntax ({@code 300ms}, {@code 1.5h}, {@code 2h45m}), which is what
 * Kubernetes users write for {@code metav1.Duration} fields. Kept to one small parser so every duration
 * field of every kind accepts and rejects the same strings.
 */
public final class GoDuration {
  private GoDuration() {}

  private static final Pattern TERM = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, BigDecimal> NANOS_PER_UNIT =
      Map.of(
          "ns", BigDecimal.ONE,
          "us", BigDecimal.valueOf(1_000L),
          "µs", BigDecimal.valueOf(1_000L),
          "μs", BigDecimal.valueOf(1_000L),
          "ms", BigDecimal.valueOf(1_000_000L),
          "s", BigDecimal.valueOf(1_000_000_000L),
          "m", BigDecimal.valueOf(60_000_000_000L),
          "h", BigDecimal.valueOf(3_600_000_000_000L));

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with Go's message ({@code time: invalid duration "x"}) when it is not a
   *     duration
   */
  public static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = TERM.matcher(s);
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        if (s.substring(at).matches("[0-9.]+")) {
          throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
        }
        throw invalid(text);
      }
      String number = m.group(1);
      if (number.isEmpty() || number.equals(".")) {
        throw invalid(text);
      }
      nanos = nanos.add(new BigDecimal(number).multiply(NANOS_PER_UNIT.get(m.group(2))));
      at = m.end();
    }
    Duration d = Duration.ofNanos(nanos.longValueExact());
    return negative ? d.negated() : d;
  }

  /** Null when {@code text} is a duration, Go's error message otherwise. */
  public static String problem(String text) {
    try {
      parse(text);
      return null;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return e instanceof ArithmeticException ? "time: invalid duration \"" + text + "\"" : e.getMessage();
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
  }
}
