package io.tidewater.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Run Tidewater on its embedded store and write a kubeconfig for it. Ctrl-C stops it.")
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", description = "Where state, TLS material and the kubeconfig live (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.tidewater")
  Path dataDir;

  @Option(names = "--port", description = "API server port (default: ${DEFAULT-VALUE}; 0 picks a free one).", defaultValue = "6443")
  int port;

  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--store", description = "embedded (default), memory, or etcd://host:port[,host:port].", defaultValue = "embedded")
  String store;

  @Option(names = "--insecure-http", description = "Serve plain HTTP (and h2c) instead of HTTPS.")
  boolean plainHttp;

  @Option(names = "--no-default-fleet", description = "Do not register the default simulated members when no Cluster exists.")
  boolean noDefaultFleet;

  @Option(names = "--fleet-port", description = "Port of the simulated members (default: the API port + 1).", defaultValue = "-1")
  int fleetPort;

  @Override
  public Integer call() throws Exception {
    ControlPlane.Options options = new ControlPlane.Options(
        dataDir.toAbsolutePath(), StoreSpec.parse(store), host, port, plainHttp, List.of(), true, !noDefaultFleet, fleetPort);
    ControlPlane cp = ControlPlane.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cp.close();
      stopped.countDown();
    }, "tidewater-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Tidewater is up.");
    out.println("  API server:  " + cp.api().url());
    out.println("  store:       " + options.store() + (options.store().kind().equals("embedded") ? " (" + dataDir.resolve("store") + ")" : ""));
    out.println("  kubeconfig:  " + cp.kubeconfig());
    cp.fleet().ifPresent(f -> out.println("  simulated members: " + f.url() + "/clusters/<name> (a kubeconfig context each)"));
    out.println("Try:");
    out.println("  export KUBECONFIG=" + cp.kubeconfig());
    out.println("  kubectl get clusters");
    out.println("  kubectl get pods -A -w          # every member's pods, through the Cluster Gateway");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
