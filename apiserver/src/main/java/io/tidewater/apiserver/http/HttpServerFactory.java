package io.tidewater.apiserver.http;

import io.tidewater.apiserver.tls.TlsMaterial;
import java.util.concurrent.Executors;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the Jetty server: HTTPS with ALPN (HTTP/2 and HTTP/1.1), or plain HTTP with h2c, with
 * request handling on virtual threads so blocking handlers and long watches stay cheap.
 */
public final class HttpServerFactory {
  private HttpServerFactory() {}

  /** Idle connections (including quiet watches) are kept this long; watches end sooner by their own timeout. */
  private static final long IDLE_TIMEOUT_MILLIS = 2 * 60 * 60 * 1000L;

  public static Server create(String host, int port, TlsMaterial tls, Handler handler, String threadName) {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4, 60_000);
    pool.setName(threadName);
    pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadName + "-vt-", 0).factory()));
    Server server = new Server(pool);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(true);
    config.setRequestHeaderSize(64 * 1024);
    ServerConnector connector;
    if (tls != null) {
      config.setSecureScheme("https");
      SecureRequestCustomizer src = new SecureRequestCustomizer();
      src.setSniHostCheck(false);
      config.addCustomizer(src);
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(tls.keyStore());
      ssl.setKeyStorePassword(tls.keyStorePassword());
      ssl.setIncludeProtocols("TLSv1.2", "TLSv1.3");
      HttpConnectionFactory http1 = new HttpConnectionFactory(config);
      HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
      h2.setMaxConcurrentStreams(1000);
      h2.setStreamIdleTimeout(IDLE_TIMEOUT_MILLIS);
      ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
      alpn.setDefaultProtocol(http1.getProtocol());
      SslConnectionFactory tlsFactory = new SslConnectionFactory(ssl, alpn.getProtocol());
      connector = new ServerConnector(server, tlsFactory, alpn, h2, http1);
    } else {
      HttpConnectionFactory http1 = new HttpConnectionFactory(config);
      HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
      h2c.setMaxConcurrentStreams(1000);
      h2c.setStreamIdleTimeout(IDLE_TIMEOUT_MILLIS);
      connector = new ServerConnector(server, http1, h2c);
    }
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.setHandler(handler);
    server.setErrorHandler(new StatusErrorHandler());
    server.setStopTimeout(5_000);
    return server;
  }
}
