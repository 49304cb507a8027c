package io.github.lgtmbootstrap.logback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Drives SLF4J from several threads at once, released together, for the tests that count every line. */
final class ConcurrentLogging {

  private ConcurrentLogging() {}

  /**
   * Starts {@code threads} threads that each log {@code perThread} INFO lines {@code pattern} (an SLF4J pattern
   * with two arguments: thread number, line number) on logger {@code load.t<thread>}; returns when all are done,
   * failing after 60 s.
   */
  static void logFromThreads(int threads, int perThread, String pattern) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          start.await();
          org.slf4j.Logger log = LoggerFactory.getLogger("load.t" + id);
          for (int i = 0; i < perThread; i++) {
            log.info(pattern, id, i);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
