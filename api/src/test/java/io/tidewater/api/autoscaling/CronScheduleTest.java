package io.tidewater.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static ZonedDateTime at(String local, ZoneId zone) {
    return java.time.LocalDateTime.parse(local).atZone(zone);
  }

  @Test
  void weekdayEveningPeakSkipsTheWeekend() {
    CronSchedule s = CronSchedule.parse("30 18 * * MON-FRI");
    // 2025-02-28 is a Friday
    assertThat(s.next(at("2025-02-28T19:00", SHANGHAI))).isEqualTo(at("2025-03-03T18:30", SHANGHAI));
    assertThat(s.next(at("2025-02-28T18:29", SHANGHAI))).isEqualTo(at("2025-02-28T18:30", SHANGHAI));
    assertThat(s.next(at("2025-02-28T18:30", SHANGHAI))).as("strictly after").isEqualTo(at("2025-03-03T18:30", SHANGHAI));
  }

  @Test
  void stepsListsNamesAndDescriptors() {
    assertThat(CronSchedule.parse("*/15 * * * *").next(at("2025-01-01T10:07", SHANGHAI))).isEqualTo(at("2025-01-01T10:15", SHANGHAI));
    assertThat(CronSchedule.parse("5/20 9,17 * jan-mar *").next(at("2025-03-31T17:50", SHANGHAI))).isEqualTo(at("2026-01-01T09:05", SHANGHAI));
    assertThat(CronSchedule.parse("@daily").next(at("2025-01-01T10:07", SHANGHAI))).isEqualTo(at("2025-01-02T00:00", SHANGHAI));
    assertThat(CronSchedule.parse("@hourly").next(at("2025-01-01T10:07", SHANGHAI))).isEqualTo(at("2025-01-01T11:00", SHANGHAI));
  }

  @Test
  void restrictedDayFieldsMatchEitherDay() {
    // the 1st of the month or any Monday, as in cron; 2025-03-03 is a Monday
    CronSchedule s = CronSchedule.parse("0 0 1 * MON");
    assertThat(s.next(at("2025-03-01T12:00", SHANGHAI))).isEqualTo(at("2025-03-03T00:00", SHANGHAI));
    assertThat(s.next(at("2025-03-31T12:00", SHANGHAI))).isEqualTo(at("2025-04-01T00:00", SHANGHAI));
  }

  @Test
  void daylightSavingGapsAreSkipped() {
    ZoneId ny = ZoneId.of("America/New_York");
    // 02:30 does not exist on 2025-03-09 in New York; the next 02:30 that exists is on the 10th
    assertThat(CronSchedule.parse("30 2 * * *").next(at("2025-03-09T00:00", ny))).isEqualTo(at("2025-03-10T02:30", ny));
  }

  @Test
  void impossibleSchedulesNeverFire() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *").next(at("2025-01-01T00:00", SHANGHAI)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never fires");
  }

  @Test
  void errorsSayWhatIsWrong() {
    assertThat(CronSchedule.problem("* * *")).isEqualTo("expected exactly 5 fields, found 3: \"* * *\"");
    assertThat(CronSchedule.problem("0 24 * * *")).isEqualTo("hour: 24 is above the maximum of 23: \"24\"");
    assertThat(CronSchedule.problem("0 0 0 * *")).isEqualTo("day-of-month: 0 is below the minimum of 1: \"0\"");
    assertThat(CronSchedule.problem("*/0 * * * *")).isEqualTo("minute: step must be a positive number: \"*/0\"");
    assertThat(CronSchedule.problem("0 0 * * FUN")).isEqualTo("day-of-week: \"FUN\" is not a number or name in \"FUN\"");
    assertThat(CronSchedule.problem("0 0 * * 5-1")).isEqualTo("day-of-week: beginning of range (5) beyond end of range (1): \"5-1\"");
    assertThat(CronSchedule.problem("@every 5m")).isEqualTo("unrecognized descriptor: @every 5m");
    assertThat(CronSchedule.problem("CRON_TZ=UTC 0 0 * * *")).startsWith("TZ and CRON_TZ are not supported");
    assertThat(CronSchedule.problem("0 9 * * 1-5")).isNull();
  }
}
