package io.tidewater.member.testing;

import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.http.Route;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ResourceStorage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test member's {@code pods/log}: the plain API server has no kubelets, so this route answers
 * for them with numbered lines naming the pod and container. With {@code follow=true} it keeps
 * writing a line every 100 ms until the client leaves or 60 s have passed.
 */
public final class FakePodLogRoute implements Route {
  private static final Pattern PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log");
  private final AtomicReference<ResourceStorage> pods = new AtomicReference<>();
  private final String cluster;

  public FakePodLogRoute(String cluster) {
    this.cluster = cluster;
  }

  void bind(ResourceStorage podStorage) {
    pods.set(podStorage);
  }

  @Override
  public boolean matches(String path) {
    return PATH.matcher(path).matches();
  }

  @Override
  public boolean isLongRunning(HttpExchange exchange) {
    return "true".equals(exchange.query("follow"));
  }

  @Override
  public void handle(HttpExchange ex) throws Exception {
    Matcher m = PATH.matcher(ex.path());
    if (!m.matches() || !ex.method().equals("GET")) {
      throw ApiException.methodNotAllowed("only GET is served for pods/log");
    }
    String ns = m.group(1);
    String name = m.group(2);
    pods.get().get(ns, name, GetOptions.LATEST); // 404 for a pod that does not exist
    String container = ex.query("container") == null ? "main" : ex.query("container");
    String prefix = cluster + " " + ns + "/" + name + "/" + container + " line ";
    boolean follow = "true".equals(ex.query("follow"));
    ex.startStream(200, "text/plain");
    for (int i = 1; i <= 3; i++) {
      if (!ex.write((prefix + i + "\n").getBytes(StandardCharsets.UTF_8))) {
        return;
      }
    }
    if (follow) {
      long deadline = System.currentTimeMillis() + 60_000;
      for (int i = 4; System.currentTimeMillis() < deadline; i++) {
        Thread.sleep(100);
        if (!ex.write((prefix + i + "\n").getBytes(StandardCharsets.UTF_8))) {
          return;
        }
      }
    }
    ex.endStream();
  }
}
