package io.tidewater.server;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run one Tidewater control-plane replica for production, normally on etcd.")
final class ServerCommand implements Callable<Integer> {
  @Option(names = "--store", required = true, description = "etcd://host:port[,host:port], embedded or memory.")
  String store;

  @Option(names = "--data-dir", description = "TLS material, admin token and kubeconfig (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.tidewater")
  Path dataDir;

  @Option(names = "--port", defaultValue = "6443", description = "API server port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--tls-san", split = ",", description = "Extra names or addresses for the serving certificate.")
  List<String> sans = List.of();

  @Override
  public Integer call() throws Exception {
    ControlPlane cp = ControlPlane.start(new ControlPlane.Options(dataDir.toAbsolutePath(), StoreSpec.parse(store), host, port, false, sans, true, false, -1));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cp.close();
      stopped.countDown();
    }, "tidewater-shutdown"));
    stopped.await();
    return 0;
  }
}
