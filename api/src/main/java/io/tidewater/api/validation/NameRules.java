package io.tidewater.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Kubernetes' name, label and annotation rules (apimachinery {@code validation} package). */
public final class NameRules {
  private NameRules() {}

  public static final int DNS1123_LABEL_MAX = 63;
  public static final int DNS1123_SUBDOMAIN_MAX = 253;
  public static final int LABEL_VALUE_MAX = 63;
  public static final int QUALIFIED_NAME_MAX = 63;
  public static final int TOTAL_ANNOTATION_SIZE_MAX = 256 * 1024;

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  /** Problems with {@code value} as an RFC 1123 label (namespace names, service names), or none. */
  public static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add("must be no more than " + DNS1123_LABEL_MAX + " characters");
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      errs.add(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must"
              + " start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used"
              + " for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }
    return errs;
  }

  /** Problems with {@code value} as an RFC 1123 subdomain (most object names), or none. */
  public static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add("must be no more than " + DNS1123_SUBDOMAIN_MAX + " characters");
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.',"
              + " and must start and end with an alphanumeric character (e.g. 'example.com', regex used for"
              + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
    return errs;
  }

  /** Problems with {@code value} as a qualified name ({@code [prefix/]name}: label and annotation keys). */
  public static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String name = value;
    int slash = value.indexOf('/');
    if (slash >= 0) {
      String prefix = value.substring(0, slash);
      name = value.substring(slash + 1);
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        for (String e : dns1123Subdomain(prefix)) {
          errs.add("prefix part " + e);
        }
      }
      if (name.indexOf('/') >= 0) {
        errs.add(
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and"
                + " end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
                + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS"
                + " subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
      }
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > QUALIFIED_NAME_MAX) {
      errs.add("name part must be no more than " + QUALIFIED_NAME_MAX + " characters");
    }
    if (!name.isEmpty() && !QUALIFIED_NAME_PART.matcher(name).matches()) {
      errs.add(
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
              + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
              + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }
    return errs;
  }

  /** Problems with {@code value} as a label value, or none. */
  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > LABEL_VALUE_MAX) {
      errs.add("must be no more than " + LABEL_VALUE_MAX + " characters");
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and"
              + " must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or"
              + " '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }
    return errs;
  }

  /** Problems with {@code value} as a ConfigMap or Secret data key, or none. */
  public static List<String> configMapKey(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add("must be no more than " + DNS1123_SUBDOMAIN_MAX + " characters");
    }
    if (!CONFIG_MAP_KEY.matcher(value).matches()) {
      errs.add(
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or"
              + " 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
    }
    if (value.equals(".") || value.equals("..")) {
      errs.add("must not be '.' or '..'");
    } else if (value.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }
}
