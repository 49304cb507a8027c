package io.github.lgtmbootstrap.testkit.embedded;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * OTLP/gRPC on Netty's HTTP/2 codec (h2c, prior knowledge): the unary {@code Export} methods of the trace, metrics
 * and logs services, identity or gzip, into the same store as OTLP/HTTP. The gRPC framing is the few lines of the
 * gRPC-over-HTTP/2 protocol a unary call needs: a 5-byte prefix per message and the status in trailers.
 *
 * <p>Linked only when {@link EmbeddedBackend#isGrpcAvailable()} found Netty's HTTP/2 codec on the class path.
 */
final class OtlpGrpcReceiver implements AutoCloseable {

  private static final Logger LOGGER = Logger.getLogger(OtlpGrpcReceiver.class.getName());

  // gRPC status codes (the google.rpc.Code values).
  static final int OK = 0;
  static final int INVALID_ARGUMENT = 3;
  static final int RESOURCE_EXHAUSTED = 8;
  static final int UNIMPLEMENTED = 12;
  static final int INTERNAL = 13;

  private static final String SERVICES = "/opentelemetry.proto.collector.{trace,metrics,logs}.v1."
      + "{Trace,Metrics,Logs}Service/Export";
  private static final int PREFIX_BYTES = 5;
  private static final int DEFAULT_WINDOW = 65_535;
  private static final int CONNECTION_WINDOW = 16 * 1024 * 1024;

  private final EventLoopGroup group;
  private final Channel server;

  private OtlpGrpcReceiver(EventLoopGroup group, Channel server) {
    this.group = group;
    this.server = server;
  }

  /** Binds the port and starts serving; the returned receiver accepts calls. */
  @SuppressWarnings("deprecation") // NioEventLoopGroup: the one event loop API that Netty 4.1 and 4.2 both have
  static OtlpGrpcReceiver start(InetAddress address, int port, TelemetryStore store, int maxRequestBytes)
      throws IOException {
    EventLoopGroup group = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("lgtm-otlp-grpc", true));
    try {
      Channel server = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel connection) {
              connection.pipeline().addLast(
                  Http2FrameCodecBuilder.forServer()
                      // room for a large export batch in flight without waiting for window updates
                      .initialSettings(Http2Settings.defaultSettings().initialWindowSize(1024 * 1024))
                      .build(),
                  new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                      stream.pipeline().addLast(new ExportCall(store, maxRequestBytes));
                    }
                  }),
                  new ConnectionTail());
            }
          })
          .bind(new InetSocketAddress(address, port))
          .syncUninterruptibly()
          .channel();
      return new OtlpGrpcReceiver(group, server);
    } catch (Exception e) {
      // Netty rethrows the bind's IOException (such as a BindException) as is, undeclared.
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e);
    }
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Closes the port and stops the event loops, waiting at most a second for calls in flight. */
  @Override
  public void close() {
    server.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
  }

  /** Maps a gRPC method path to the OTLP signal it exports; null for any other path. */
  static OtlpHttpReceiver.Signal signalFor(CharSequence path) {
    if (path == null) {
      return null;
    }
    return switch (path.toString()) {
      case "/opentelemetry.proto.collector.trace.v1.TraceService/Export" -> OtlpHttpReceiver.Signal.TRACES;
      case "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export" -> OtlpHttpReceiver.Signal.METRICS;
      case "/opentelemetry.proto.collector.logs.v1.LogsService/Export" -> OtlpHttpReceiver.Signal.LOGS;
      default -> null;
    };
  }

  /** A call that cannot be served; carries the gRPC status to answer with. */
  static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    Rejection(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /** One HTTP/2 stream: one unary {@code Export} call. Runs on the connection's event loop. */
  static final class ExportCall extends ChannelInboundHandlerAdapter {
    private final TelemetryStore store;
    private final int maxRequestBytes;
    private OtlpHttpReceiver.Signal signal;
    private String path = "";
    private boolean gzip;
    private boolean answered;
    private long received;
    /** The request's DATA frames, retained without copying until the call is complete; null when released. */
    private CompositeByteBuf body;

    ExportCall(TelemetryStore store, int maxRequestBytes) {
      this.store = store;
      this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (answered) {
          return; // the rest of a rejected request: read (so flow control moves on) and dropped
        }
        if (msg instanceof Http2HeadersFrame headers) {
          if (signal == null) {
            start(headers.headers());
          }
          if (headers.isEndStream()) {
            finish(ctx);
          }
        } else if (msg instanceof Http2DataFrame data) {
          append(ctx, data.content());
          if (data.isEndStream()) {
            finish(ctx);
          }
        }
      } catch (Rejection rejection) {
        LOGGER.log(Level.INFO, "Rejected OTLP/gRPC call {0}: {1}", new Object[] {path, rejection.getMessage()});
        answer(ctx, rejection.code, rejection.getMessage(), null);
      } catch (RuntimeException unexpected) {
        LOGGER.log(Level.WARNING, "OTLP/gRPC call failed unexpectedly; the server keeps serving", unexpected);
        answer(ctx, INTERNAL, "internal error: " + unexpected, null);
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void start(Http2Headers headers) throws Rejection {
      path = String.valueOf(headers.path());
      String contentType = headers.get("content-type") == null ? "" : headers.get("content-type").toString();
      if (!contentType.equals("application/grpc") && !contentType.startsWith("application/grpc+proto")
          && !contentType.startsWith("application/grpc;")) {
        throw new Rejection(UNIMPLEMENTED, "content-type '" + contentType + "' is not application/grpc; this port "
            + "speaks OTLP/gRPC only, send OTLP/HTTP to the HTTP port");
      }
      if (!"POST".contentEquals(headers.method() == null ? "" : headers.method())) {
        throw new Rejection(UNIMPLEMENTED, "method " + headers.method() + " is not POST");
      }
      OtlpHttpReceiver.Signal found = signalFor(headers.path());
      if (found == null) {
        throw new Rejection(UNIMPLEMENTED, "unknown method " + path + "; this OTLP receiver serves " + SERVICES);
      }
      CharSequence encoding = headers.get("grpc-encoding");
      String name = encoding == null ? "identity" : encoding.toString().trim();
      if (name.equalsIgnoreCase("gzip")) {
        gzip = true;
      } else if (!name.equalsIgnoreCase("identity")) {
        throw new Rejection(UNIMPLEMENTED, "grpc-encoding '" + name + "' is not supported; use gzip or identity");
      }
      signal = found;
    }

    private void append(ChannelHandlerContext ctx, ByteBuf content) throws Rejection {
      received += content.readableBytes();
      if (received > (long) maxRequestBytes + PREFIX_BYTES) {
        throw tooLarge("more than " + maxRequestBytes + " bytes");
      }
      if (body == null) {
        body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
      }
      body.addComponent(true, content.retain());
    }

    private void finish(ChannelHandlerContext ctx) throws Rejection {
      if (signal == null) {
        throw new Rejection(INVALID_ARGUMENT, "the call ended before its headers named a method");
      }
      byte[] framed = new byte[body == null ? 0 : body.readableBytes()];
      if (body != null) {
        body.readBytes(framed);
      }
      releaseBody();
      byte[] message = message(framed);
      byte[] response;
      try {
        response = OtlpIngest.protobuf(store, signal, message);
      } catch (InvalidProtocolBufferException e) {
        throw new Rejection(INVALID_ARGUMENT, "the request is not a valid OTLP " + signal.name().toLowerCase(
            Locale.ROOT) + " export request in protobuf: " + e.getMessage());
      }
      answer(ctx, OK, null, response);
    }

    /** Unframes the single request message of a unary call and gunzips it when it says so. */
    private byte[] message(byte[] framed) throws Rejection {
      if (framed.length < PREFIX_BYTES) {
        throw new Rejection(INVALID_ARGUMENT, "the call carries no request message (" + framed.length
            + " bytes, a gRPC message needs a 5-byte prefix)");
      }
      int flag = framed[0];
      long length = ((framed[1] & 0xffL) << 24) | ((framed[2] & 0xff) << 16) | ((framed[3] & 0xff) << 8)
          | (framed[4] & 0xff);
      if (length > maxRequestBytes) {
        throw tooLarge(length + " bytes");
      }
      if (PREFIX_BYTES + length != framed.length) {
        throw new Rejection(INVALID_ARGUMENT, "the message prefix announces " + length + " bytes but the call "
            + "carries " + (framed.length - PREFIX_BYTES) + "; a unary call sends exactly one message");
      }
      byte[] payload = Arrays.copyOfRange(framed, PREFIX_BYTES, framed.length);
      if (flag == 0) {
        return payload;
      }
      if (flag != 1 || !gzip) {
        throw new Rejection(INTERNAL, "compressed flag " + flag + " without grpc-encoding gzip");
      }
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
        byte[] inflated = in.readNBytes(maxRequestBytes + 1);
        if (inflated.length > maxRequestBytes) {
          throw tooLarge("more than " + maxRequestBytes + " bytes after gunzip");
        }
        return inflated;
      } catch (IOException e) {
        throw new Rejection(INVALID_ARGUMENT, "the message is not valid gzip (" + e.getMessage() + ")");
      }
    }

    private Rejection tooLarge(String seen) {
      return new Rejection(RESOURCE_EXHAUSTED, "request message of " + seen + " exceeds the limit of "
          + maxRequestBytes + " bytes; send smaller batches or raise the embedded backend's maxRequestBytes");
    }

    /** Answers once: the response message and an OK trailer, or a trailers-only error. */
    private void answer(ChannelHandlerContext ctx, int code, String error, byte[] response) {
      if (answered) {
        return;
      }
      answered = true;
      releaseBody();
      Http2Headers headers = new DefaultHttp2Headers().status("200").set("content-type", "application/grpc");
      if (response == null) {
        headers.set("grpc-status", Integer.toString(code)).set("grpc-message", percentEncode(error));
        if (code == UNIMPLEMENTED) {
          headers.set("grpc-accept-encoding", "gzip,identity");
        }
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true));
        return;
      }
      ByteBuf framed = ctx.alloc().buffer(PREFIX_BYTES + response.length);
      framed.writeByte(0).writeInt(response.length).writeBytes(response);
      ctx.write(new DefaultHttp2HeadersFrame(headers, false));
      ctx.write(new DefaultHttp2DataFrame(framed, false));
      ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("grpc-status", "0"), true));
    }

    private void releaseBody() {
      if (body != null) {
        body.release();
        body = null;
      }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      releaseBody(); // a stream reset or closed before its end
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOGGER.log(Level.FINE, "OTLP/gRPC stream failed", cause);
      ctx.close();
    }
  }

  /** Percent-encodes a grpc-message value as the gRPC protocol requires (UTF-8, outside printable ASCII and %). */
  static String percentEncode(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 0x20 && c <= 0x7e && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * The end of a connection's pipeline: widens the connection's flow-control window so a large batch does not wait
   * for window updates, drops the connection-level frames nobody needs (settings, pings), and logs connection
   * failures (a client that is not HTTP/2, a reset) instead of Netty's default warning.
   */
  static final class ConnectionTail extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(CONNECTION_WINDOW - DEFAULT_WINDOW));
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOGGER.log(Level.FINE, "OTLP/gRPC connection closed after an error", cause);
      ctx.close();
    }
  }
}
