package io.github.lgtmbootstrap.core.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Start-up work that {@code init()} does not need to wait for (creating the OTLP exporters, JVM runtime metric
 * registration), run on a daemon thread once started; flush and shutdown wait for it (bounded) first, so that
 * whatever it registers is in their export. What it returns is closed at shutdown, also when it finishes after the bound.
 */
final class DeferredStart {

  private static final Logger LOG = Logger.getLogger("io.github.lgtmbootstrap.core");

  private final String name;
  private final Callable<AutoCloseable> work;
  private final BiFunction<Runnable, String, Thread> threads;
  private final CompletableFuture<AutoCloseable> done = new CompletableFuture<>();
  private boolean started;
  private boolean closed;

  /** {@code threads} makes the thread (work and name in, an unstarted daemon thread out). */
  DeferredStart(String name, Callable<AutoCloseable> work, BiFunction<Runnable, String, Thread> threads) {
    this.name = name;
    this.work = work;
    this.threads = threads;
  }

  /** Starts the work on a daemon thread; nothing after {@link #close}, once only. */
  synchronized void start() {
    if (started || closed) {
      return;
    }
    started = true;
    threads.apply(this::run, "lgtm-deferred-start").start();
  }

  private void run() {
    try {
      done.complete(work.call());
    } catch (Exception | LinkageError e) {
      LOG.log(Level.WARNING, "lgtm-bootstrap: " + name + " failed to start; continuing without it", e);
      done.complete(() -> {});
    }
  }

  /**
   * Waits until the work finished, at most until {@code deadlineNanos} ({@link System#nanoTime()}).
   *
   * @return true if it finished (or was never started), false if the deadline passed first
   */
  boolean await(long deadlineNanos) {
    synchronized (this) {
      if (!started) {
        return true;
      }
    }
    try {
      done.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true; // run() never completes exceptionally; kept for the checked signature
    }
  }

  /**
   * Waits for the work (bounded), then closes what it returned; if it finishes after the deadline, what it
   * returned is closed then. A never-started work is not started any more.
   */
  void close(long deadlineNanos) {
    synchronized (this) {
      closed = true;
      if (!started) {
        return;
      }
    }
    await(deadlineNanos);
    done.thenAccept(DeferredStart::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "lgtm-bootstrap: closing runtime metrics failed", e);
    }
  }
}
