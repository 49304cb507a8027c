package io.github.lgtmbootstrap.logback.bench;

import io.github.lgtmbootstrap.core.Lgtm;
import io.github.lgtmbootstrap.core.LgtmHandle;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Measures the heap that a full log record queue holds: {@code Lgtm.init()} with the dev profile against an
 * endpoint that accepts connections and never answers (so the first export blocks and every later record waits
 * in the queue), then {@code threads x perThread} logback lines like the README's burst. Prints the retained heap
 * after GC before and after, and per queued record. Not a test: run it by hand (see the README).
 *
 * <p>Arguments: threads, lines per thread (default 8 10000), and {@code spans} to end that many spans (one
 * attribute each) instead of logging.
 */
public final class QueueMemoryProbe {

  private QueueMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    boolean spans = args.length > 2 && args[2].equals("spans");
    List<Socket> held = new ArrayList<>();
    ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (true) {
        try {
          held.add(blackHole.accept());
        } catch (Exception e) {
          return;
        }
      }
    }, "black-hole");
    acceptor.setDaemon(true);
    acceptor.start();
    LgtmHandle lgtm = Lgtm.builder().setServiceName("queue-memory-probe").setRuntimeMetrics(false)
        .setEndpoint("http://127.0.0.1:" + blackHole.getLocalPort()).setProperty("otel.exporter.otlp.timeout", "10m")
        .setShutdownTimeout(java.time.Duration.ofMillis(100)).init();
    LoggerFactory.getLogger("warmup").info("warm up {}", 1);
    long before = usedAfterGc();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        org.slf4j.Logger log = LoggerFactory.getLogger("load.t" + id);
        io.opentelemetry.api.trace.Tracer tracer = lgtm.openTelemetry().getTracer("load");
        for (int i = 0; i < perThread; i++) {
          if (spans) {
            tracer.spanBuilder("GET /orders/{id}").setAttribute("order.id", i).startSpan().end();
          } else {
            log.info("load t{} line {}", id, i);
          }
        }
      });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    long after = usedAfterGc();
    long dropped = spans ? lgtm.exportCounts().spans().dropped() : lgtm.exportCounts().logRecords().dropped();
    long queued = (long) threads * perThread - dropped;
    System.out.printf((spans ? "spans" : "lines") + "=%d dropped=%d queued~%d heapBefore=%.1fMiB heapAfter=%.1fMiB delta=%.1fMiB "
            + "perRecord=%d bytes%n", (long) threads * perThread, dropped, queued, before / 1048576.0,
        after / 1048576.0, (after - before) / 1048576.0, queued == 0 ? 0 : (after - before) / queued);
    Runtime.getRuntime().halt(0);
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100); // let the collector finish; a measurement, not a wait for telemetry
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
