package io.tidewater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TidewaterCliTest {
  @Test
  void versionPrintsTheVersion() {
    StringWriter out = new StringWriter();
    CommandLine cli = TidewaterCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("version")).isZero();
    assertThat(out.toString()).startsWith("tidewater ");
  }

  @Test
  void noCommandIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = TidewaterCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute()).isEqualTo(2);
    assertThat(err.toString()).contains("tidewater up");
  }
}
