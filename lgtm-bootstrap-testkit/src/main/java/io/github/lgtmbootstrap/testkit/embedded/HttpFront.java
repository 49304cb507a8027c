package io.github.lgtmbootstrap.testkit.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded receiver's HTTP/1.1 front: one selector thread reads whole requests (head and body) under deadlines
 * and hands only complete ones to a few worker threads, so a client that is slow, idle or lying about its body
 * holds a socket, never a worker.
 *
 * <p>Why not the JDK's {@code HttpServer}: it reads request heads and bodies on its worker threads with no read
 * deadline of its own (its {@code sun.net.httpserver.maxReqTime} is a JVM-wide system property, read once, that
 * would change every other {@code HttpServer} in the test JVM), so four clients that never finish a request froze
 * it. Libraries that do this well (Jetty, Netty, Undertow) cost more at a cold start than the whole backend may.
 *
 * <p>Limits: a request head must arrive within {@link Limits#headTimeoutMillis}, the whole request within
 * {@link Limits#requestTimeoutMillis}, a response must be taken within the same time, and a keep-alive connection
 * idle longer than {@link Limits#idleTimeoutMillis} is closed. A declared or chunked body over
 * {@link Limits#maxBodyBytes} is answered at once (the handler's {@link Handler#tooLarge}) and the connection
 * closed. Bodies waiting for a worker hold at most {@link Limits#bufferedBytes} together; beyond that reading pauses.
 */
final class HttpFront implements AutoCloseable {

  private static final int MAX_HEAD_BYTES = 16 * 1024;
  private static final long LINGER_MILLIS = 1_000;
  private static final long SWEEP_MILLIS = 100;
  /**
   * Requests up to this size (an SDK batch of 512 spans is ~200 KiB) are decoded on the selector thread: a hand-off
   * to a worker and back costs more than decoding them, on a loaded machine several milliseconds. Larger ones go
   * to the workers, so that one big request never stalls every connection's I/O.
   */
  private static final int INLINE_BYTES = 512 * 1024;

  /** A complete request: method, path (decoded, without query), header names in lower case, body. */
  record Request(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  /** A response; {@code close} ends the connection after it is written. */
  record Response(int status, String contentType, byte[] body, Map<String, String> headers, boolean close) {
    Response(int status, String contentType, byte[] body) {
      this(status, contentType, body, Map.of(), false);
    }
  }

  /** Turns requests into responses; called on worker threads, never throws (the front answers 500 if it does). */
  interface Handler {
    Response handle(Request request);

    /** The answer to a request whose body exceeds the limit; its body is not read. */
    Response tooLarge(Request head, String seen);
  }

  /** Time and size limits of the front. */
  record Limits(long headTimeoutMillis, long requestTimeoutMillis, long idleTimeoutMillis, int maxBodyBytes,
      long bufferedBytes, int maxConnections) {
    static Limits defaults(int maxBodyBytes) {
      return new Limits(10_000, 60_000, 30_000, maxBodyBytes, Math.max(64L << 20, 2L * maxBodyBytes), 1024);
    }

    Limits withMaxBodyBytes(int maxBodyBytes) {
      return new Limits(headTimeoutMillis, requestTimeoutMillis, idleTimeoutMillis, maxBodyBytes,
          Math.max(bufferedBytes, maxBodyBytes), maxConnections);
    }
  }

  private final ServerSocketChannel server;
  private final Selector selector;
  private final Handler handler;
  private final Limits limits;
  private final ExecutorService workers;
  private final Thread loop;
  private final Set<Connection> connections = new HashSet<>();
  private final Queue<Connection> waitingForBuffer = new ArrayDeque<>();
  private final Queue<Runnable> fromWorkers = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
  private long buffered;
  private volatile boolean closed;

  private HttpFront(ServerSocketChannel server, Selector selector, Handler handler, Limits limits, int workers) {
    this.server = server;
    this.selector = selector;
    this.handler = handler;
    this.limits = limits;
    // Worker threads start with the first request and end when idle: a backend that receives nothing costs none.
    ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new DaemonThreads("lgtm-otlp-receiver-"));
    pool.allowCoreThreadTimeOut(true);
    this.workers = pool;
    this.loop = new Thread(new Runnable() { // not a lambda: the first one costs a cold JVM milliseconds
      @Override
      public void run() {
        serve();
      }
    }, "lgtm-otlp-receiver-io-" + server.socket().getLocalPort());
    this.loop.setDaemon(true);
  }

  /** Binds and starts serving; requests are accepted when this returns. */
  static HttpFront start(InetSocketAddress address, Handler handler, Limits limits, int workers) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    Selector selector = null;
    try {
      server.bind(address, 128);
      server.configureBlocking(false);
      selector = Selector.open();
      server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException | RuntimeException e) {
      server.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
    HttpFront front = new HttpFront(server, selector, handler, limits, workers);
    front.loop.start();
    return front;
  }

  int port() {
    return server.socket().getLocalPort();
  }

  /** Stops accepting, closes every connection and waits at most a second for requests in flight. */
  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    try {
      loop.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdown();
    try {
      workers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }

  private void serve() {
    long nextSweep = System.currentTimeMillis() + SWEEP_MILLIS;
    try {
      while (!closed) {
        try {
          selector.select(SWEEP_MILLIS);
          Runnable fromWorker;
          while ((fromWorker = fromWorkers.poll()) != null) {
            fromWorker.run();
          }
          for (SelectionKey key : selector.selectedKeys()) {
            handleKey(key);
          }
          selector.selectedKeys().clear();
          long now = System.currentTimeMillis();
          if (now >= nextSweep) {
            sweep(now);
            nextSweep = now + SWEEP_MILLIS;
          }
        } catch (IOException | RuntimeException | Error e) {
          // One bad connection or an allocation failure must not end the loop: log it and keep serving.
          logger().log(Level.WARNING,
              "Embedded OTLP receiver: unexpected failure in its I/O loop; it keeps serving", e);
        }
      }
    } finally {
      for (Connection connection : new ArrayList<>(connections)) {
        connection.close();
      }
      try {
        selector.close();
        server.close();
      } catch (IOException e) {
        logger().log(Level.FINE, "closing the embedded OTLP receiver's socket failed", e);
      }
    }
  }

  private void handleKey(SelectionKey key) throws IOException {
    if (!key.isValid()) {
      return;
    }
    if (key.channel() == server) {
      accept();
      return;
    }
    Connection connection = (Connection) key.attachment();
    try {
      if (key.isWritable()) {
        connection.write();
      }
      if (key.isValid() && key.isReadable()) {
        connection.read();
      }
    } catch (IOException | CancelledKeyException e) {
      connection.close();
    } catch (RuntimeException | Error e) {
      logger().log(Level.WARNING, "Embedded OTLP receiver: a connection failed unexpectedly and was closed", e);
      connection.close();
    }
  }

  private void accept() throws IOException {
    SocketChannel channel;
    while ((channel = server.accept()) != null) {
      if (connections.size() >= limits.maxConnections()) {
        logger().warning("Embedded OTLP receiver: " + connections.size()
            + " connections open, the most it keeps; closing a new one");
        channel.close();
        continue;
      }
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      Connection connection = new Connection(channel);
      connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
      connections.add(connection);
    }
  }

  private void sweep(long now) {
    for (Connection connection : new ArrayList<>(connections)) {
      if (connection.deadline > 0 && now >= connection.deadline) {
        connection.expire();
      }
    }
  }

  private boolean reserve(long bytes) {
    if (buffered + bytes > limits.bufferedBytes()) {
      return false;
    }
    buffered += bytes;
    return true;
  }

  private void release(long bytes) {
    buffered -= bytes;
    Connection waiting;
    while (buffered < limits.bufferedBytes() && (waiting = waitingForBuffer.poll()) != null) {
      if (waiting.channel.isOpen()) {
        waiting.resume();
      }
    }
  }

  private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, WORKING, WRITING, LINGER }

  /** One client connection; touched by the selector thread only. */
  private final class Connection {
    final SocketChannel channel;
    SelectionKey key;
    State state = State.HEAD;
    long deadline;
    long requestDeadline;
    /** Bytes of the current request head, or of a chunk-size line or trailer line. */
    byte[] line = new byte[512];
    int lineLength;
    String method;
    String target;
    boolean http10;
    Map<String, String> headers;
    byte[] body;
    int bodyLength;
    long reserved;
    long remaining;
    /** The declared Content-Length, -1 for a chunked body. */
    long declared;
    ByteBuffer out;
    boolean closeAfterWrite;
    boolean paused;
    byte[] leftover;

    Connection(SocketChannel channel) {
      this.channel = channel;
      this.deadline = System.currentTimeMillis() + limits.idleTimeoutMillis();
    }

    void read() throws IOException {
      readBuffer.clear();
      int read = channel.read(readBuffer);
      if (read < 0) {
        close();
        return;
      }
      readBuffer.flip();
      if (state == State.LINGER) {
        return; // discarding what a rejected client still sends
      }
      if (state == State.HEAD && lineLength == 0 && readBuffer.hasRemaining()) {
        long now = System.currentTimeMillis();
        requestDeadline = now + limits.requestTimeoutMillis();
        deadline = Math.min(now + limits.headTimeoutMillis(), requestDeadline);
      }
      consume(readBuffer);
    }

    /** Feeds bytes to the state machine until they are used up or the request is complete. */
    void consume(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining() && !paused) {
        switch (state) {
          case HEAD -> head(bytes);
          case BODY -> body(bytes);
          case CHUNK_SIZE, TRAILER, CHUNK_END -> chunkLine(bytes);
          case CHUNK_DATA -> body(bytes);
          case LINGER -> {
            bytes.position(bytes.limit()); // discarding what a rejected client still sends
            return;
          }
          default -> {
            // A request in progress (pipelining): keep the bytes for after the answer.
            byte[] rest = new byte[bytes.remaining()];
            bytes.get(rest);
            leftover = leftover == null ? rest : concat(leftover, rest);
            if (leftover.length > MAX_HEAD_BYTES) {
              close();
            }
            return;
          }
        }
        if (!channel.isOpen()) {
          return;
        }
      }
      if (paused && bytes.hasRemaining()) {
        byte[] rest = new byte[bytes.remaining()];
        bytes.get(rest);
        leftover = leftover == null ? rest : concat(rest, leftover);
      }
    }

    private void head(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        if (!appendLine(bytes.get())) {
          respondAndClose(new Response(431, "text/plain",
              ("Request head over " + MAX_HEAD_BYTES + " bytes").getBytes(StandardCharsets.UTF_8)));
          return;
        }
        if (lineLength >= 4 && line[lineLength - 1] == '\n' && line[lineLength - 2] == '\r'
            && line[lineLength - 3] == '\n' && line[lineLength - 4] == '\r') {
          startBody();
          return;
        }
        if (lineLength == 2 && line[0] == '\r' && line[1] == '\n') {
          lineLength = 0; // tolerated empty line between requests
        }
      }
    }

    private boolean appendLine(byte b) {
      if (lineLength == line.length) {
        if (line.length >= MAX_HEAD_BYTES) {
          return false;
        }
        line = Arrays.copyOf(line, Math.min(MAX_HEAD_BYTES, line.length * 2));
      }
      line[lineLength++] = b;
      return true;
    }

    private void startBody() throws IOException {
      String head = new String(line, 0, lineLength - 4, StandardCharsets.ISO_8859_1);
      lineLength = 0;
      List<String> lines = lines(head);
      String[] requestLine = lines.get(0).split(" ");
      if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
        respondAndClose(plain(400, "Malformed request line"));
        return;
      }
      method = requestLine[0];
      target = requestLine[1];
      http10 = !requestLine[2].equals("HTTP/1.1");
      headers = new HashMap<>();
      for (int i = 1; i < lines.size(); i++) {
        int colon = lines.get(i).indexOf(':');
        if (colon <= 0) {
          respondAndClose(plain(400, "Malformed header line"));
          return;
        }
        String name = lines.get(i).substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines.get(i).substring(colon + 1).trim();
        String earlier = headers.put(name, value);
        if (earlier != null) {
          headers.put(name, earlier + "," + value);
        }
      }
      String path = path(target);
      if (path == null) {
        respondAndClose(plain(400, "Malformed request target"));
        return;
      }
      Request headOnly = new Request(method, path, headers, new byte[0]);
      String transferEncoding = headers.get("transfer-encoding");
      String contentLength = headers.get("content-length");
      if (transferEncoding != null) {
        if (!transferEncoding.equalsIgnoreCase("chunked")) {
          respondAndClose(plain(501, "Transfer-Encoding '" + transferEncoding + "' is not supported"));
          return;
        }
        body = new byte[0];
        bodyLength = 0;
        declared = -1;
        deadline = requestDeadline;
        continueIfExpected();
        state = State.CHUNK_SIZE;
        return;
      }
      long length = 0;
      if (contentLength != null) {
        try {
          length = Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
          length = -1;
        }
        if (length < 0) {
          respondAndClose(plain(400, "Content-Length '" + contentLength + "' is not a number; send the body's length"));
          return;
        }
      }
      if (length > limits.maxBodyBytes()) {
        respondAndClose(handler.tooLarge(headOnly, length + " bytes"));
        return;
      }
      body = new byte[0];
      bodyLength = 0;
      remaining = length;
      declared = length;
      deadline = requestDeadline;
      if (length == 0) {
        dispatch();
        return;
      }
      continueIfExpected();
      state = State.BODY;
    }

    private void continueIfExpected() throws IOException {
      if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
        channel.write(ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
      }
    }

    /** Copies body bytes (of a fixed-length body or of one chunk) until {@link #remaining} is used up. */
    private void body(ByteBuffer bytes) throws IOException {
      int take = (int) Math.min(remaining, bytes.remaining());
      if (bodyLength + take > body.length) {
        // Grow with what arrives, not with what is declared: a client that declares 16 MiB and sends nothing
        // holds nothing. A declared length is the final size, so the last growth is exact.
        long most = declared >= 0 ? declared : limits.maxBodyBytes();
        int capacity = (int) Math.min(most, Math.max((long) body.length * 2, bodyLength + take + 64 * 1024));
        if (!reserve(capacity - body.length)) {
          pause();
          return;
        }
        reserved += capacity - body.length;
        body = Arrays.copyOf(body, capacity);
      }
      bytes.get(body, bodyLength, take);
      bodyLength += take;
      remaining -= take;
      if (remaining == 0) {
        if (state == State.BODY) {
          dispatch();
        } else {
          state = State.CHUNK_END;
        }
      }
    }

    private void chunkLine(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        byte b = bytes.get();
        if (!appendLine(b) || lineLength > 1024) {
          respondAndClose(plain(400, "Malformed chunked body"));
          return;
        }
        if (b != '\n') {
          continue;
        }
        String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1).trim();
        lineLength = 0;
        switch (state) {
          case CHUNK_END -> {
            if (!text.isEmpty()) {
              respondAndClose(plain(400, "Malformed chunked body: no CRLF after a chunk"));
              return;
            }
            state = State.CHUNK_SIZE;
          }
          case CHUNK_SIZE -> {
            int semicolon = text.indexOf(';');
            long size;
            try {
              size = Long.parseLong(semicolon < 0 ? text : text.substring(0, semicolon).trim(), 16);
            } catch (NumberFormatException e) {
              respondAndClose(plain(400, "Malformed chunk size '" + text + "'"));
              return;
            }
            if (size < 0 || bodyLength + size > limits.maxBodyBytes()) {
              respondAndClose(handler.tooLarge(new Request(method, path(target), headers, new byte[0]),
                  "more than " + limits.maxBodyBytes() + " bytes (chunked)"));
              return;
            }
            if (size == 0) {
              state = State.TRAILER;
            } else {
              remaining = size;
              state = State.CHUNK_DATA;
            }
          }
          default -> { // TRAILER: ends with an empty line
            if (text.isEmpty()) {
              dispatch();
            }
          }
        }
        return;
      }
    }

    private void pause() {
      paused = true;
      deadline = 0;
      key.interestOps(0);
      waitingForBuffer.add(this);
    }

    void resume() {
      paused = false;
      deadline = requestDeadline;
      key.interestOps(SelectionKey.OP_READ);
      byte[] rest = leftover;
      leftover = null;
      if (rest != null) {
        try {
          consume(ByteBuffer.wrap(rest));
        } catch (IOException e) {
          close();
        }
      }
    }

    private void dispatch() {
      state = State.WORKING;
      deadline = 0; // the worker's time is ours, not the client's
      key.interestOps(0);
      Request request = new Request(method, path(target), headers,
          bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength));
      body = null;
      boolean close = http10 ? !"keep-alive".equalsIgnoreCase(headers.get("connection"))
          : "close".equalsIgnoreCase(headers.get("connection"));
      Work work = new Work(this, request, close, request.body().length <= INLINE_BYTES);
      if (work.inline) {
        work.run();
      } else {
        workers.execute(work);
      }
    }

    private void finished(ByteBuffer bytes, boolean close, boolean written) {
      release(reserved);
      reserved = 0;
      if (!channel.isOpen()) {
        return;
      }
      if (written) {
        afterWrite();
        return;
      }
      send(bytes, close);
    }

    private void respondAndClose(Response response) {
      send(encode(response, true), true);
    }

    private void send(ByteBuffer bytes, boolean close) {
      out = bytes;
      closeAfterWrite = close;
      state = State.WRITING;
      deadline = System.currentTimeMillis() + limits.requestTimeoutMillis();
      try {
        write();
      } catch (IOException e) {
        close();
      }
    }

    void write() throws IOException {
      if (state != State.WRITING) {
        return;
      }
      channel.write(out);
      if (out.hasRemaining()) {
        key.interestOps(SelectionKey.OP_WRITE);
        return;
      }
      out = null;
      if (closeAfterWrite) {
        // Half-close and drain briefly, so the client reads the answer instead of a reset from unread bytes.
        channel.shutdownOutput();
        state = State.LINGER;
        deadline = System.currentTimeMillis() + LINGER_MILLIS;
        key.interestOps(SelectionKey.OP_READ);
        return;
      }
      afterWrite();
    }

    /** Ready for the next request on this connection, starting with any bytes that came early. */
    private void afterWrite() {
      state = State.HEAD;
      deadline = System.currentTimeMillis() + limits.idleTimeoutMillis();
      key.interestOps(SelectionKey.OP_READ);
      byte[] rest = leftover;
      leftover = null;
      if (rest != null) {
        requestDeadline = System.currentTimeMillis() + limits.requestTimeoutMillis();
        deadline = Math.min(System.currentTimeMillis() + limits.headTimeoutMillis(), requestDeadline);
        try {
          consume(ByteBuffer.wrap(rest));
        } catch (IOException e) {
          close();
        }
      }
    }

    void expire() {
      if (state == State.HEAD && lineLength == 0 || state == State.LINGER || state == State.WRITING) {
        close(); // idle keep-alive, lingering or a client that does not take its answer
        return;
      }
      String what = state == State.HEAD ? "its request head" : "its request body";
      logger().log(Level.INFO, "Embedded OTLP receiver: a client did not send {0} in time; closing it", what);
      respondAndClose(plain(408, "Request not received in time: the head must arrive within "
          + limits.headTimeoutMillis() + " ms and the whole request within " + limits.requestTimeoutMillis() + " ms"));
    }

    void close() {
      connections.remove(this);
      if (reserved > 0) {
        long bytes = reserved;
        reserved = 0;
        release(bytes);
      }
      state = State.LINGER;
      try {
        channel.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  /**
   * One request, on a worker thread or inline on the selector thread. Worker and selector hand-offs are classes,
   * not lambdas: a fresh JVM spends tens of milliseconds spinning its first lambdas, and this is on the first
   * export's path.
   */
  private final class Work implements Runnable {
    private final Connection connection;
    private final Request request;
    private final boolean close;
    final boolean inline;

    Work(Connection connection, Request request, boolean close, boolean inline) {
      this.connection = connection;
      this.request = request;
      this.close = close;
      this.inline = inline;
    }

    @Override
    public void run() {
      Response response;
      try {
        response = handler.handle(request);
      } catch (Throwable failure) { // an Error too: answer it and keep serving
        response = internalError(failure);
      }
      boolean closing = close || response.close();
      ByteBuffer bytes = encode(response, closing);
      if (inline) {
        connection.finished(bytes, closing, false);
        return;
      }
      // Kept-alive answers are written here, so the client does not wait for the selector thread to wake up;
      // the selector only re-arms the connection. Closing ones (and what does not fit) are the selector's.
      boolean written = false;
      boolean failed = false;
      if (!closing) {
        try {
          connection.channel.write(bytes);
          written = !bytes.hasRemaining();
        } catch (IOException | RuntimeException e) {
          failed = true;
        }
      }
      fromWorkers.add(new Finished(connection, bytes, closing, written, failed));
      selector.wakeup();
    }
  }

  /** Back on the selector thread after a worker answered. */
  private static final class Finished implements Runnable {
    private final Connection connection;
    private final ByteBuffer bytes;
    private final boolean close;
    private final boolean written;
    private final boolean failed;

    Finished(Connection connection, ByteBuffer bytes, boolean close, boolean written, boolean failed) {
      this.connection = connection;
      this.bytes = bytes;
      this.close = close;
      this.written = written;
      this.failed = failed;
    }

    @Override
    public void run() {
      if (failed) {
        connection.close();
      } else {
        connection.finished(bytes, close, written);
      }
    }
  }

  private static ByteBuffer encode(Response response, boolean close) {
    StringBuilder head = new StringBuilder(160).append("HTTP/1.1 ").append(response.status()).append(' ')
        .append(reason(response.status())).append("\r\nContent-Type: ").append(response.contentType())
        .append("\r\nContent-Length: ").append(response.body().length).append("\r\n");
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    if (close) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer bytes = ByteBuffer.allocate(headBytes.length + response.body().length);
    bytes.put(headBytes).put(response.body()).flip();
    return bytes;
  }

  private static Response internalError(Throwable failure) {
    try {
      logger().log(Level.WARNING, "Embedded OTLP receiver: a request failed unexpectedly; it keeps serving", failure);
      return new Response(500, "text/plain",
          ("internal error: " + failure).getBytes(StandardCharsets.UTF_8), Map.of(), true);
    } catch (Throwable again) {
      return new Response(500, "text/plain", new byte[0], Map.of(), true);
    }
  }

  private static Response plain(int status, String message) {
    return new Response(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8), Map.of(),
        true);
  }

  /** The decoded path of an origin-form or absolute-form target, without query; null when malformed. */
  static String path(String target) {
    try {
      String path = URI.create(target).getPath();
      return path == null ? null : path;
    } catch (IllegalArgumentException e) {
      return target.equals("*") ? "*" : null;
    }
  }

  /** The CRLF-separated lines of a request head (no regex: its classes are not loaded yet in a fresh JVM). */
  private static List<String> lines(String head) {
    List<String> lines = new ArrayList<>();
    int from = 0;
    int crlf;
    while ((crlf = head.indexOf("\r\n", from)) >= 0) {
      lines.add(head.substring(from, crlf));
      from = crlf + 2;
    }
    lines.add(head.substring(from));
    return lines;
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      default -> "Status";
    };
  }

  private static final class DaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    DaemonThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }

  /** Looked up when something is to be logged, so that a backend that logs nothing does not start JUL. */
  private static Logger logger() {
    return Logger.getLogger(HttpFront.class.getName());
  }
}
