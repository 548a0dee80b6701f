package io.tidewater.api.autoscaling;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A standard five-field cron schedule, as Kubernetes CronJobs accept it (robfig/cron's standard parser):
 * {@code minute hour day-of-month month day-of-week}, each a list of {@code *}, {@code ?}, values, ranges and
 * steps; month and weekday names; and the descriptors {@code @yearly}, {@code @annually}, {@code @monthly},
 * {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}. As in cron, when both day fields are
 * restricted a day matches either.
 */
public final class CronSchedule {
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  private record Field(String name, int min, int max, List<String> names, int nameOffset) {}

  private static final Field MINUTE = new Field("minute", 0, 59, List.of(), 0);
  private static final Field HOUR = new Field("hour", 0, 23, List.of(), 0);
  private static final Field DAY_OF_MONTH = new Field("day-of-month", 1, 31, List.of(), 0);
  private static final Field MONTH = new Field("month", 1, 12, MONTHS, 1);
  private static final Field DAY_OF_WEEK = new Field("day-of-week", 0, 6, DAYS, 0);

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronSchedule(String expression, String[] f) {
    this.expression = expression;
    this.minutes = parseField(f[0], MINUTE);
    this.hours = parseField(f[1], HOUR);
    this.daysOfMonth = parseField(f[2], DAY_OF_MONTH);
    this.months = parseField(f[3], MONTH);
    this.daysOfWeek = parseField(f[4], DAY_OF_WEEK);
    this.anyDayOfMonth = f[2].equals("*") || f[2].equals("?");
    this.anyDayOfWeek = f[4].equals("*") || f[4].equals("?");
  }

  /**
   * Parses {@code expression}.
   *
   * @throws IllegalArgumentException with a message saying what is wrong, for example {@code expected
   *     exactly 5 fields, found 4: "0 * * *"}
   */
  public static CronSchedule parse(String expression) {
    String trimmed = expression.trim();
    if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
      throw new IllegalArgumentException("TZ and CRON_TZ are not supported in the schedule; use timeZone instead");
    }
    if (trimmed.startsWith("@")) {
      String fields = DESCRIPTORS.get(trimmed.toLowerCase(Locale.ROOT));
      if (fields == null) {
        throw new IllegalArgumentException("unrecognized descriptor: " + trimmed);
      }
      return new CronSchedule(expression, fields.split(" "));
    }
    String[] f = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("expected exactly 5 fields, found " + f.length + ": \"" + expression + "\"");
    }
    return new CronSchedule(expression, f);
  }

  /** Null when {@code expression} parses, the reason otherwise. */
  public static String problem(String expression) {
    try {
      parse(expression);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  public String expression() {
    return expression;
  }

  /** The first time strictly after {@code after} (to the minute) that the schedule fires, in its zone. */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime limit = t.plusYears(5); // a schedule like 0 0 30 2 * never fires
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t;
      }
    }
    throw new IllegalStateException("schedule \"" + expression + "\" never fires");
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
    return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
  }

  private static BitSet parseField(String text, Field field) {
    BitSet bits = new BitSet(field.max() + 1);
    for (String part : text.split(",", -1)) {
      parsePart(part, field, bits);
    }
    return bits;
  }

  private static void parsePart(String part, Field field, BitSet bits) {
    String range = part;
    int step = 1;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      range = part.substring(0, slash);
      step = number(part.substring(slash + 1), field, part);
      if (step <= 0) {
        throw new IllegalArgumentException(field.name() + ": step must be a positive number: \"" + part + "\"");
      }
    }
    int lo;
    int hi;
    if (range.equals("*") || range.equals("?")) {
      lo = field.min();
      hi = field.max();
    } else {
      int dash = range.indexOf('-');
      lo = value(dash < 0 ? range : range.substring(0, dash), field, part);
      hi = dash < 0 ? (slash >= 0 ? field.max() : lo) : value(range.substring(dash + 1), field, part);
    }
    if (lo < field.min()) {
      throw new IllegalArgumentException(field.name() + ": " + lo + " is below the minimum of " + field.min() + ": \"" + part + "\"");
    }
    if (hi > field.max()) {
      throw new IllegalArgumentException(field.name() + ": " + hi + " is above the maximum of " + field.max() + ": \"" + part + "\"");
    }
    if (lo > hi) {
      throw new IllegalArgumentException(field.name() + ": beginning of range (" + lo + ") beyond end of range (" + hi + "): \"" + part + "\"");
    }
    for (int v = lo; v <= hi; v += step) {
      bits.set(v);
    }
  }

  private static int value(String text, Field field, String part) {
    int named = field.names().indexOf(text.toLowerCase(Locale.ROOT));
    return named >= 0 ? named + field.nameOffset() : number(text, field, part);
  }

  private static int number(String text, Field field, String part) {
    if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 9) {
      throw new IllegalArgumentException(field.name() + ": \"" + text + "\" is not a number or name in \"" + part + "\"");
    }
    return Integer.parseInt(text);
  }

  @Override
  public String toString() {
    return expression;
  }
}
