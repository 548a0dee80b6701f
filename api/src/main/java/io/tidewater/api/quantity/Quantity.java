package io.tidewater.api.quantity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A Kubernetes resource quantity ({@code resource.Quantity}): an exact decimal amount plus the
 * notation it was written in, which decides how it is printed back. Parsing follows apimachinery's
 * {@code ParseQuantity} to the letter (fabric8's {@code Quantity} accepts strings such as {@code
 * 1m1} that Kubernetes rejects, so it cannot be used to validate), and {@link #toString()} is
 * apimachinery's canonical form ({@code 0.5} → {@code 500m}, {@code 1024Mi} → {@code 1Gi}), which is
 * what a Kubernetes API server stores and returns.
 *
 * @param amount the exact value, e.g. 0.1 for {@code 100m}
 * @param format the notation, which survives canonicalisation
 */
public record Quantity(BigDecimal amount, Format format) implements Comparable<Quantity> {

  /** Kubernetes' ErrFormatWrong. */
  public static final String FORMAT_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  /** Kubernetes' ErrNumeric. */
  public static final String NUMERIC_ERROR = "unable to parse numeric part of quantity";

  /** Kubernetes' ErrSuffix. */
  public static final String SUFFIX_ERROR = "unable to parse quantity's suffix";

  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);

  private static final BigDecimal KI = BigDecimal.valueOf(1024);
  private static final String SUFFIX_CHARS = "eEinumkKMGTP";
  private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  /** How a quantity is written: {@code 1k}, {@code 1Ki} or {@code 1e3}. */
  public enum Format {
    DECIMAL_SI,
    BINARY_SI,
    DECIMAL_EXPONENT
  }

  public Quantity {
    amount = amount.signum() == 0 ? BigDecimal.ZERO : amount;
  }

  /**
   * Parses a quantity string.
   *
   * @throws IllegalArgumentException with Kubernetes' own message when the string is not a quantity
   */
  public static Quantity parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(FORMAT_ERROR);
    }
    if (text.equals("0")) {
      return ZERO;
    }
    Parts parts = Parts.split(text);
    Suffix suffix = Suffix.interpret(parts.suffix());
    BigDecimal number;
    try {
      number = new BigDecimal(normaliseNumber(parts.number()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(NUMERIC_ERROR);
    }
    BigDecimal amount =
        suffix.base() == 10 ? number.scaleByPowerOfTen(suffix.exponent()) : number.multiply(KI.pow(suffix.exponent() / 10));
    Format format = suffix.format();
    if (format == Format.BINARY_SI && amount.abs().compareTo(BigDecimal.ONE) < 0 && amount.signum() != 0) {
      format = Format.DECIMAL_SI; // as apimachinery: sub-unit binary amounts print in decimal
    }
    // apimachinery never keeps anything finer than a nano unit; it rounds away from zero.
    if (amount.scale() > 9) {
      amount = amount.setScale(9, RoundingMode.UP);
    }
    return new Quantity(amount.stripTrailingZeros(), format);
  }

  /**
   * "+1.", ".5" and even "" (as in "Mi") are numbers to apimachinery, the last being zero; BigDecimal
   * wants a leading digit and no trailing dot.
   */
  private static String normaliseNumber(String n) {
    String s = n.startsWith("+") ? n.substring(1) : n;
    boolean negative = s.startsWith("-");
    if (negative) {
      s = s.substring(1);
    }
    if (s.startsWith(".")) {
      s = "0" + s;
    }
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      s = "0";
    }
    return negative ? "-" + s : s;
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /** {@code ceil(amount × 1000)}, as apimachinery's {@code MilliValue}: "100m" → 100, "1" → 1000. */
  public long milliValue() {
    return amount.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** {@code ceil(amount)}, as apimachinery's {@code Value}: bytes for memory, whole units for cpu. */
  public long value() {
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /**
   * Rounds up to a whole milli-unit, away from zero, as Kubernetes does to every value of a
   * ResourceList on decoding ({@code SetDefaults_ResourceList}).
   */
  public Quantity roundedUpToMilli() {
    if (amount.scale() <= 3) {
      return this;
    }
    BigDecimal rounded = amount.setScale(3, RoundingMode.UP).stripTrailingZeros();
    return new Quantity(rounded, format);
  }

  public Quantity plus(Quantity other) {
    return new Quantity(amount.add(other.amount), format);
  }

  @Override
  public int compareTo(Quantity o) {
    return amount.compareTo(o.amount);
  }

  /** Equal amounts are equal quantities, whatever their notation ("1Gi" equals "1073741824"). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && amount.compareTo(q.amount) == 0;
  }

  @Override
  public int hashCode() {
    return amount.stripTrailingZeros().hashCode();
  }

  /** The canonical form, apimachinery's {@code CanonicalizeBytes}. */
  @Override
  public String toString() {
    if (amount.signum() == 0) {
      return "0";
    }
    Format f = format;
    if (f == Format.BINARY_SI) {
      boolean small = amount.abs().compareTo(KI) < 0;
      boolean whole = amount.stripTrailingZeros().scale() <= 0;
      if (small || !whole) {
        f = Format.DECIMAL_SI; // avoids rounding and keeps precision, as apimachinery does
      }
    }
    return f == Format.BINARY_SI ? binaryForm() : decimalForm(f);
  }

  private String decimalForm(Format f) {
    BigDecimal stripped = amount.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    int exponent = -stripped.scale();
    while (Math.floorMod(exponent, 3) != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN);
      exponent--;
    }
    if (f == Format.DECIMAL_EXPONENT) {
      return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
    }
    int index = exponent / 3 + 3;
    if (index < 0) {
      return mantissa + "e" + exponent; // finer than nano cannot occur after parse; keep it exact anyway
    }
    while (index >= DECIMAL_SUFFIXES.length) {
      mantissa = mantissa.multiply(BigInteger.valueOf(1000));
      index--;
    }
    return mantissa + DECIMAL_SUFFIXES[index];
  }

  private String binaryForm() {
    BigInteger value = amount.toBigIntegerExact();
    BigInteger k = BigInteger.valueOf(1024);
    int times = 0;
    while (times < BINARY_SUFFIXES.length - 1 && value.signum() != 0 && value.mod(k).signum() == 0) {
      value = value.divide(k);
      times++;
    }
    return value + BINARY_SUFFIXES[times];
  }

  /** The number and suffix of a quantity string, split as apimachinery's {@code parseQuantityString}. */
  private record Parts(String number, String suffix) {
    static Parts split(String str) {
      int pos = 0;
      int end = str.length();
      if (str.charAt(0) == '+' || str.charAt(0) == '-') {
        pos++;
      }
      while (pos < end && str.charAt(pos) == '0') {
        pos++;
      }
      if (pos >= end) {
        return new Parts("0", "");
      }
      while (pos < end && isDigit(str.charAt(pos))) {
        pos++;
      }
      if (pos < end && str.charAt(pos) == '.') {
        pos++;
        while (pos < end && isDigit(str.charAt(pos))) {
          pos++;
        }
      }
      String number = str.substring(0, pos);
      int suffixStart = pos;
      while (pos < end && SUFFIX_CHARS.indexOf(str.charAt(pos)) >= 0) {
        pos++;
      }
      if (pos < end && (str.charAt(pos) == '-' || str.charAt(pos) == '+')) {
        pos++;
      }
      while (pos < end) {
        if (!isDigit(str.charAt(pos))) {
          throw new IllegalArgumentException(FORMAT_ERROR);
        }
        pos++;
      }
      return new Parts(number, str.substring(suffixStart));
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }

  /** A suffix's meaning: {@code base^exponent} and the notation it implies. */
  private record Suffix(int base, int exponent, Format format) {
    static Suffix interpret(String s) {
      for (int i = 0; i < DECIMAL_SUFFIXES.length; i++) {
        if (DECIMAL_SUFFIXES[i].equals(s)) {
          return new Suffix(10, (i - 3) * 3, Format.DECIMAL_SI);
        }
      }
      for (int i = 1; i < BINARY_SUFFIXES.length; i++) {
        if (BINARY_SUFFIXES[i].equals(s)) {
          return new Suffix(2, i * 10, Format.BINARY_SI);
        }
      }
      if (s.length() > 1 && (s.charAt(0) == 'e' || s.charAt(0) == 'E')) {
        try {
          return new Suffix(10, Integer.parseInt(s.substring(1)), Format.DECIMAL_EXPONENT);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(SUFFIX_ERROR);
        }
      }
      throw new IllegalArgumentException(SUFFIX_ERROR);
    }
  }
}
