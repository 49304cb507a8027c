package io.github.lgtmbootstrap.testkit.embedded;

import com.google.protobuf.InvalidProtocolBufferException;
import io.github.lgtmbootstrap.testkit.internal.ProtobufReader;

/**
 * Counts, without decoding, how many messages an OTLP export request in protobuf would decode into (spans, log
 * records, metric points and their attributes, events, links, values), so a request that a few kilobytes of gzip
 * turn into millions of objects is refused before anything is allocated for it. It follows only the fields that
 * hold messages, reading the wire format with the decoder's {@link ProtobufReader}; a body it cannot walk counts
 * what it walked and is left to the decoder to reject.
 */
final class OtlpItemCount {

  // Message types of the OTLP protobuf schema; the field numbers below are those of opentelemetry-proto 1.x.
  private static final int TRACE_REQUEST = 0;
  private static final int RESOURCE_SPANS = 1;
  private static final int RESOURCE = 2;
  private static final int SCOPE_SPANS = 3;
  private static final int SCOPE = 4;
  private static final int SPAN = 5;
  private static final int EVENT = 6;
  private static final int LINK = 7;
  private static final int KEY_VALUE = 8;
  private static final int ANY_VALUE = 9;
  private static final int ARRAY = 10;
  private static final int KV_LIST = 11;
  private static final int LOGS_REQUEST = 12;
  private static final int RESOURCE_LOGS = 13;
  private static final int SCOPE_LOGS = 14;
  private static final int LOG_RECORD = 15;
  private static final int METRICS_REQUEST = 16;
  private static final int RESOURCE_METRICS = 17;
  private static final int SCOPE_METRICS = 18;
  private static final int METRIC = 19;
  private static final int NUMBER_DATA = 20;
  private static final int HISTOGRAM_DATA = 21;
  private static final int EXPONENTIAL_DATA = 22;
  private static final int SUMMARY_DATA = 23;
  private static final int NUMBER_POINT = 24;
  private static final int HISTOGRAM_POINT = 25;
  private static final int EXPONENTIAL_POINT = 26;
  private static final int SUMMARY_POINT = 27;
  private static final int EXEMPLAR = 28;
  private static final int LEAF = 29;
  private static final int NONE = -1;
  private static final int MAX_DEPTH = 100;

  private final long limit;
  private long count;

  private OtlpItemCount(long limit) {
    this.limit = limit;
  }

  /**
   * Counts the messages of a protobuf export request, stopping as soon as the count passes {@code limit}.
   *
   * @return the count, or a number above {@code limit} when there are more
   */
  static long protobuf(OtlpSignal signal, byte[] body, long limit) {
    OtlpItemCount counter = new OtlpItemCount(limit);
    int root = switch (signal) {
      case TRACES -> TRACE_REQUEST;
      case LOGS -> LOGS_REQUEST;
      case METRICS -> METRICS_REQUEST;
    };
    try {
      counter.walk(new ProtobufReader(body, 0, body.length), root, 0);
    } catch (InvalidProtocolBufferException | IllegalStateException malformed) {
      // The decoder says what is wrong with the body; the count so far is a lower bound.
    }
    return counter.count;
  }

  /**
   * An upper bound of the messages an OTLP/JSON request decodes into: its objects, counted outside strings.
   *
   * @return the count, or a number above {@code limit} when there are more
   */
  static long json(byte[] body, long limit) {
    long objects = 0;
    boolean inString = false;
    for (int i = 0; i < body.length && objects <= limit; i++) {
      byte b = body[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{') {
        objects++;
      }
    }
    return objects;
  }

  /**
   * Counts the message fields of the current message of {@code in} and, recursively, theirs; throws
   * {@link IllegalStateException} once the count passes the limit (the caller stops there).
   */
  private void walk(ProtobufReader in, int type, int depth) throws InvalidProtocolBufferException {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("too deep");
    }
    int tag;
    while ((tag = in.readTag()) != 0) {
      int child = (tag & 7) == ProtobufReader.LEN ? child(type, tag >>> 3) : NONE;
      if (child == NONE) {
        in.skipField(tag);
        continue;
      }
      if (++count > limit) {
        throw new IllegalStateException("over the limit");
      }
      if (child == LEAF) {
        in.skipLength();
      } else {
        int outer = in.begin();
        walk(in, child, depth + 1);
        in.end(outer);
      }
    }
  }

  /** The message type held by a length-delimited field, {@link #NONE} for strings, bytes and packed numbers. */
  private static int child(int type, int field) {
    return switch (type) {
      case TRACE_REQUEST -> field == 1 ? RESOURCE_SPANS : NONE;
      case RESOURCE_SPANS -> field == 1 ? RESOURCE : field == 2 ? SCOPE_SPANS : NONE;
      case RESOURCE -> field == 1 ? KEY_VALUE : NONE;
      case SCOPE_SPANS -> field == 1 ? SCOPE : field == 2 ? SPAN : NONE;
      case SCOPE -> field == 3 ? KEY_VALUE : NONE;
      case SPAN -> field == 9 ? KEY_VALUE : field == 11 ? EVENT : field == 13 ? LINK : field == 15 ? LEAF : NONE;
      case EVENT -> field == 3 ? KEY_VALUE : NONE;
      case LINK -> field == 4 ? KEY_VALUE : NONE;
      case KEY_VALUE -> field == 2 ? ANY_VALUE : NONE;
      case ANY_VALUE -> field == 5 ? ARRAY : field == 6 ? KV_LIST : NONE;
      case ARRAY -> field == 1 ? ANY_VALUE : NONE;
      case KV_LIST -> field == 1 ? KEY_VALUE : NONE;
      case LOGS_REQUEST -> field == 1 ? RESOURCE_LOGS : NONE;
      case RESOURCE_LOGS -> field == 1 ? RESOURCE : field == 2 ? SCOPE_LOGS : NONE;
      case SCOPE_LOGS -> field == 1 ? SCOPE : field == 2 ? LOG_RECORD : NONE;
      case LOG_RECORD -> field == 5 ? ANY_VALUE : field == 6 ? KEY_VALUE : NONE;
      case METRICS_REQUEST -> field == 1 ? RESOURCE_METRICS : NONE;
      case RESOURCE_METRICS -> field == 1 ? RESOURCE : field == 2 ? SCOPE_METRICS : NONE;
      case SCOPE_METRICS -> field == 1 ? SCOPE : field == 2 ? METRIC : NONE;
      case METRIC -> switch (field) {
        case 5, 7 -> NUMBER_DATA;
        case 9 -> HISTOGRAM_DATA;
        case 10 -> EXPONENTIAL_DATA;
        case 11 -> SUMMARY_DATA;
        case 12 -> KEY_VALUE;
        default -> NONE;
      };
      case NUMBER_DATA -> field == 1 ? NUMBER_POINT : NONE;
      case HISTOGRAM_DATA -> field == 1 ? HISTOGRAM_POINT : NONE;
      case EXPONENTIAL_DATA -> field == 1 ? EXPONENTIAL_POINT : NONE;
      case SUMMARY_DATA -> field == 1 ? SUMMARY_POINT : NONE;
      case NUMBER_POINT -> field == 7 ? KEY_VALUE : field == 5 ? EXEMPLAR : NONE;
      case HISTOGRAM_POINT -> field == 9 ? KEY_VALUE : field == 8 ? EXEMPLAR : NONE;
      case EXPONENTIAL_POINT -> field == 1 ? KEY_VALUE : field == 8 || field == 9 ? LEAF
          : field == 11 ? EXEMPLAR : NONE;
      case SUMMARY_POINT -> field == 7 ? KEY_VALUE : field == 6 ? LEAF : NONE;
      case EXEMPLAR -> field == 7 ? KEY_VALUE : NONE;
      default -> NONE;
    };
  }
}
