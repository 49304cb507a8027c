package io.github.lgtmbootstrap.core.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An endpoint on 127.0.0.1 that accepts TCP connections and never answers. */
public final class BlackHole implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public BlackHole() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  accepted.add(socket.accept());
                } catch (IOException e) {
                  return;
                }
              }
            },
            "black-hole");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  public int connections() {
    return accepted.size();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : accepted) {
      s.close();
    }
  }
}
