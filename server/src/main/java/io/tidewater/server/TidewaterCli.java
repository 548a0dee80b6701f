package io.tidewater.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tidewater} command line: one entry point for running and operating the control plane. */
@Command(
    name = "tidewater",
    mixinStandardHelpOptions = true,
    versionProvider = TidewaterVersion.Provider.class,
    description = "Tidewater: one Kubernetes endpoint for a fleet of self-built and cloud clusters.",
    subcommands = {UpCommand.class, ServerCommand.class, ClusterCommand.class, KubeconfigCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class TidewaterCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command; try 'tidewater up'.");
  }

  public static CommandLine commandLine() {
    return new CommandLine(new TidewaterCli());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
