package io.github.lgtmbootstrap.core.internal;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The threads one SDK starts, kept in a thread group of their own so that shutdown can end them.
 *
 * <p>Why: the JDK HTTP sender's {@code HttpClient} runs a selector thread per exporter that sits in a native
 * {@code epoll_wait} for as long as the client lives, and on Java 17 nothing closes it (the SDK only shuts the
 * sender's executor down). When the JVM exits, HotSpot waits up to 300 ms for every thread in native code to
 * block before it halts; those selector threads cost every short-lived app that much after the shutdown bound,
 * with any backend (live or black-holed). Threads inherit the group of the thread that creates them, so building
 * the SDK on a thread of this group puts the exporters' selector threads, the batch processors' workers and the
 * metric reader's scheduler in it; {@link #stop()} interrupts them once the SDK is shut down (or given up on),
 * which ends a selector thread (its loop stops on interrupt and closes the client's connections) and any worker
 * still waiting for a black-holed export.
 */
final class SdkThreads {

  private static final AtomicLong COUNTER = new AtomicLong();

  private final ThreadGroup group = new ThreadGroup("lgtm-bootstrap-sdk-" + COUNTER.incrementAndGet());

  /**
   * Runs {@code work} on a new thread of this group and returns its result; the calling thread waits for it.
   * Exceptions and errors are rethrown on the calling thread.
   */
  <T> T build(Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        newThread(
            () -> {
              try {
                result.set(work.get());
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            group.getName() + "-init");
    t.start();
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // building cannot be abandoned half-way; keep the caller's interrupt for later
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    if (e != null) {
      throw new IllegalStateException(e);
    }
    return result.get();
  }

  /**
   * A daemon thread of this group, not started: what it creates (an exporter's HTTP client) is then ended by
   * {@link #stop()} too.
   */
  Thread newThread(Runnable work, String name) {
    Thread t = new Thread(group, work, name);
    t.setDaemon(true);
    t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    return t;
  }

  /** Interrupts every thread still alive in the group, except the calling one. */
  void stop() {
    for (Thread t : alive()) {
      if (t != Thread.currentThread()) {
        t.interrupt();
      }
    }
  }

  /** The group's live threads. */
  List<Thread> alive() {
    Thread[] threads = new Thread[group.activeCount() + 8];
    int n = group.enumerate(threads, true);
    return Arrays.stream(threads, 0, n).filter(Thread::isAlive).toList();
  }
}
