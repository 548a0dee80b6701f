package io.tidewater.apiserver.builtin.support;

import io.tidewater.api.validation.NameRules;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * apimachinery's string rules that {@link NameRules} does not cover: DNS-1035 labels (service
 * names), port numbers and names, percentages and environment variable names. Each returns the
 * problems with Kubernetes' wording, or an empty list.
 */
public final class NameChecks {
  private NameChecks() {}

  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern PORT_NAME_ONE_LETTER = Pattern.compile(".*[a-z].*");
  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

  /** {@code IsDNS1035Label}: service names. */
  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > NameRules.DNS1123_LABEL_MAX) {
      errs.add("must be no more than " + NameRules.DNS1123_LABEL_MAX + " characters");
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end"
              + " with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is"
              + " '[a-z]([-a-z0-9]*[a-z0-9])?')");
    }
    return errs;
  }

  /** {@code IsValidPortNum}. */
  public static List<String> portNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of("must be between 1 and 65535, inclusive");
  }

  /** {@code IsValidPortName}: an IANA_SVC_NAME. */
  public static List<String> portName(String port) {
    List<String> errs = new ArrayList<>();
    if (port.length() > 15) {
      errs.add("must be no more than 15 characters");
    }
    if (!PORT_NAME_CHARSET.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!PORT_NAME_ONE_LETTER.matcher(port).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  /** {@code IsValidPercent}. */
  public static List<String> percent(String value) {
    return PERCENT.matcher(value).matches()
        ? List.of()
        : List.of(
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for"
                + " validation is '[0-9]+%')");
  }

  /**
   * {@code IsRelaxedEnvVarName}, the rule since Kubernetes 1.32 (RelaxedEnvironmentVariableValidation
   * on by default): any printable ASCII but '='.
   */
  public static List<String> envVarName(String value) {
    List<String> errs = new ArrayList<>();
    if (value.isEmpty()) {
      errs.add("environment variable name must be non-empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 32 || c > 126 || c == '=') {
        errs.add("a valid environment variable name must consist only of printable ASCII characters other than '='");
        break;
      }
    }
    return errs;
  }
}
