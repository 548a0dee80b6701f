package io.tidewater.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tidewater cluster …}: member cluster operations. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Manage member clusters.", subcommands = {ClusterJoinCommand.class})
final class ClusterCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command; try 'tidewater cluster join --help'.");
  }
}
