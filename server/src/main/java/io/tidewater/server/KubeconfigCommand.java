package io.tidewater.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "kubeconfig", mixinStandardHelpOptions = true, description = "Print the kubeconfig of a data directory's control plane.")
final class KubeconfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = "${sys:user.home}/.tidewater", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    Path file = dataDir.resolve("kubeconfig");
    if (!Files.exists(file)) {
      spec.commandLine().getErr().println("no kubeconfig at " + file + ": run 'tidewater up' first");
      return 1;
    }
    spec.commandLine().getOut().print(Files.readString(file));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
