package dev.mach.jobs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jobrunr.dashboard.JobRunrApiHandler;
import org.jobrunr.dashboard.JobRunrSseHandler;
import org.jobrunr.dashboard.JobRunrStaticFileHandler;
import org.jobrunr.dashboard.server.HttpExchangeHandler;
import org.jobrunr.dashboard.server.http.RedirectHttpHandler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.springframework.context.SmartLifecycle;

/**
 * JobRunr's dashboard handlers on a server of our own, bound to the loopback interface on a free
 * port. JobRunr's own dashboard server binds every interface and has no address setting, so it
 * stays off; {@link DashboardProxy} serves this one on the management port.
 */
final class DashboardServer implements SmartLifecycle {

  private final StorageProvider storage;
  private final JsonMapper json;
  private HttpServer server;
  private ExecutorService executor;
  private List<HttpExchangeHandler> handlers = List.of();

  DashboardServer(StorageProvider storage, JsonMapper json) {
    this.storage = storage;
    this.json = json;
  }

  @Override
  public synchronized void start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("JobRunr dashboard could not listen on loopback", e);
    }
    // the server-sent event streams hold a thread each for as long as a browser watches
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    handlers =
        List.of(
            new RedirectHttpHandler("/", "/dashboard"),
            new JobRunrStaticFileHandler(),
            new JobRunrApiHandler(storage, json, false),
            new JobRunrSseHandler(storage, json));
    handlers.forEach(handler -> server.createContext(handler.getContextPath(), handler));
    server.start();
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      handlers.forEach(HttpExchangeHandler::close);
      executor.shutdownNow();
      server = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Where the proxy forwards to, e.g. {@code http://127.0.0.1:40123}. */
  synchronized String origin() {
    if (server == null) {
      throw new IllegalStateException("the dashboard server is not running");
    }
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
