package dev.mach.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request, written off the request's thread. A request only puts a small record
 * in a bounded, lock-free queue; one writer thread formats what has queued up and writes it in one
 * call, so a busy server makes one write per batch, not one per line, and never flushes per line. A
 * request never waits for the log: when the queue is full (the output cannot keep up) the line is
 * dropped and counted in {@code mach.access_log.dropped}.
 *
 * <p>Standard output is written through {@link System#out}, the stream the application log uses,
 * whole lines per call, so access lines and log lines never cut into each other.
 */
final class AccessLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
  private static final int BATCH = 512;

  // lock-free: requests never wait on each other or on the writer to hand their line over
  private final ConcurrentLinkedQueue<AccessLogEntry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;
  private final Counter dropped;
  private final OutputStream out;
  private final boolean ownsOutput;
  private final long idleNanos;
  private final Thread writer;
  private volatile boolean closing;

  AccessLog(String path, int queueSize, Duration flushInterval, MeterRegistry registry)
      throws IOException {
    this.capacity = Math.max(16, queueSize);
    this.dropped =
        Counter.builder("mach.access_log.dropped")
            .description("Access log lines dropped because the writer could not keep up")
            .register(registry);
    if (path == null || path.isBlank()) {
      this.out = System.out;
      this.ownsOutput = false;
    } else {
      Path file = Path.of(path);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      this.out = new FileOutputStream(file.toFile(), true);
      this.ownsOutput = true;
    }
    this.idleNanos = Math.max(1, flushInterval.toNanos());
    this.writer = Thread.ofPlatform().daemon().name("mach-access-log").start(this::run);
  }

  /** Queues a line; never blocks. */
  void add(AccessLogEntry entry) {
    // the bound is approximate under races, which is all it needs to be
    if (queued.get() >= capacity) {
      dropped.increment();
      return;
    }
    queued.incrementAndGet();
    queue.offer(entry);
  }

  private void run() {
    AccessLogLine line = new AccessLogLine();
    while (true) {
      boolean stop = closing;
      long nowMillis = System.currentTimeMillis();
      long nowNanos = System.nanoTime();
      line.reset();
      int taken = 0;
      AccessLogEntry entry;
      while (taken < BATCH && (entry = queue.poll()) != null) {
        line.append(entry, nowMillis, nowNanos);
        taken++;
      }
      if (taken == 0) {
        if (stop) {
          return;
        }
        // parking instead of a blocking take: a request then never has to wake this thread
        LockSupport.parkNanos(idleNanos);
        continue;
      }
      queued.addAndGet(-taken);
      write(line);
    }
  }

  private void write(AccessLogLine lines) {
    try {
      if (out instanceof PrintStream stream) {
        // one call under the stream's lock: no log line can land inside an access line
        synchronized (stream) {
          stream.write(lines.bytes(), 0, lines.length());
          stream.flush();
        }
      } else {
        out.write(lines.bytes(), 0, lines.length());
      }
    } catch (IOException e) {
      log.warn("Access log cannot be written: {}", e.getMessage());
    }
  }

  /** Writes what is queued, then stops the writer. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(writer);
    try {
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsOutput) {
      try {
        out.close();
      } catch (IOException e) {
        log.warn("Access log cannot be closed: {}", e.getMessage());
      }
    }
  }
}
