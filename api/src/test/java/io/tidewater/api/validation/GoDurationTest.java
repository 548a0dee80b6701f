package io.tidewater.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

  @Test
  void parsesGoDurations() {
    assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("2h45m")).isEqualTo(Duration.ofMinutes(165));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("-1s")).isEqualTo(Duration.ofSeconds(-1));
    assertThat(GoDuration.parse("3us")).isEqualTo(Duration.ofNanos(3000));
  }

  @Test
  void rejectsWhatGoRejects() {
    assertThat(GoDuration.problem("10")).isEqualTo("time: missing unit in duration \"10\"");
    assertThat(GoDuration.problem("1 sec")).isEqualTo("time: invalid duration \"1 sec\"");
    assertThat(GoDuration.problem("")).isEqualTo("time: invalid duration \"\"");
    assertThat(GoDuration.problem("5d")).isEqualTo("time: invalid duration \"5d\"");
    assertThatThrownBy(() -> GoDuration.parse("m")).isInstanceOf(IllegalArgumentException.class);
  }
}
