package io.github.lgtmbootstrap.core.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 that makes a loopback backend look remote: the connection to the target is opened
 * only after one round trip (the TCP handshake of a far server) and every chunk of bytes, either way, is
 * forwarded half a round trip after it was read. For benchmarks of exports against a slow remote, not for
 * timing tests.
 */
public final class LatencyProxy implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  /**
   * @param target the backend's base URL (http://127.0.0.1:port)
   * @param roundTrip the simulated round-trip time
   */
  public LatencyProxy(String target, Duration roundTrip) throws IOException {
    URI uri = URI.create(target);
    long oneWayMillis = roundTrip.toMillis() / 2;
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(
        () -> {
          while (!socket.isClosed()) {
            try {
              Socket client = socket.accept();
              open.add(client);
              daemon(
                  () -> {
                    try {
                      pause(2 * oneWayMillis);
                      Socket server = new Socket(uri.getHost(), uri.getPort());
                      open.add(server);
                      daemon(() -> pump(client, server, oneWayMillis));
                      pump(server, client, oneWayMillis);
                    } catch (IOException e) {
                      closeQuietly(client);
                    }
                  });
            } catch (IOException e) {
              return;
            }
          }
        });
  }

  public String endpoint() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  private static void pump(Socket from, Socket to, long delayMillis) {
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) >= 0; ) {
        pause(delayMillis);
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away: close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // the simulated network delay itself
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "latency-proxy");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      closeQuietly(s);
    }
  }
}
