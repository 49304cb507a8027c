package io.github.lgtmbootstrap.testkit.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads protobuf wire format from one byte array, for {@link OtlpProtobufDecoder}. Unlike protobuf's
 * {@code CodedInputStream} it reads ids straight into hex and strings straight from the array (ASCII without a
 * per-character loop, keys and names through a {@link Strings} cache), which is most of what an OTLP batch is.
 * Rejects what {@code CodedInputStream} rejects: truncated fields, malformed varints, invalid UTF-8 in strings.
 * Public only for the embedded backend's item count, which walks the same wire format; not API.
 */
public final class ProtobufReader {

  static final int VARINT = 0;
  static final int I64 = 1;
  /** Wire type of length-delimited fields (messages, strings, bytes, packed numbers). */
  public static final int LEN = 2;
  static final int I32 = 5;
  private static final int START_GROUP = 3;
  private static final int END_GROUP = 4;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private int position;
  private int limit;

  /**
   * Reads {@code bytes} from {@code from} to {@code to}.
   *
   * @param bytes the wire format
   * @param from first byte of the message
   * @param to end of the message (exclusive)
   */
  public ProtobufReader(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.position = from;
    this.limit = to;
  }

  byte[] bytes() {
    return bytes;
  }

  int position() {
    return position;
  }

  /** Moves to the message from {@code from} to {@code to}; returns the limit it replaces. */
  int seek(int from, int to) {
    int outer = limit;
    position = from;
    limit = to;
    return outer;
  }

  /**
   * The next field's tag, or 0 at the end of the current message.
   *
   * @return the tag (field number and wire type), 0 at the end
   * @throws InvalidProtocolBufferException on a malformed or zero tag
   */
  public int readTag() throws InvalidProtocolBufferException {
    if (position >= limit) {
      return 0;
    }
    int tag = readVarint32();
    if (tag >>> 3 == 0) {
      throw new InvalidProtocolBufferException("Protocol message contained an invalid tag (zero).");
    }
    return tag;
  }

  int readVarint32() throws InvalidProtocolBufferException {
    return (int) readVarint64();
  }

  long readVarint64() throws InvalidProtocolBufferException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw truncated();
      }
      byte b = bytes[position++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new InvalidProtocolBufferException("CodedInputStream encountered a malformed varint.");
  }

  long readFixed64() throws InvalidProtocolBufferException {
    if (limit - position < 8) {
      throw truncated();
    }
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[position + i] & 0xffL);
    }
    position += 8;
    return value;
  }

  /**
   * Reads a length and makes the field it prefixes the current message.
   *
   * @return what {@link #end} restores
   * @throws InvalidProtocolBufferException when the length is malformed or beyond the current message
   */
  public int begin() throws InvalidProtocolBufferException {
    int length = readLength();
    int outer = limit;
    limit = position + length;
    return outer;
  }

  /**
   * Ends the message {@link #begin} started: skips what is left of it and restores the outer limit.
   *
   * @param outer what {@link #begin} returned
   */
  public void end(int outer) {
    position = limit;
    limit = outer;
  }

  /** Reads a length-delimited field's length and checks that it fits the current message. */
  int readLength() throws InvalidProtocolBufferException {
    int length = readVarint32();
    if (length < 0) {
      throw new InvalidProtocolBufferException("CodedInputStream encountered an embedded string or message which"
          + " claimed to have negative size.");
    }
    if (length > limit - position) {
      throw truncated();
    }
    return length;
  }

  /**
   * Skips a length-delimited field.
   *
   * @return where its content starts; its length is {@link #position} minus that
   * @throws InvalidProtocolBufferException when the length is malformed or beyond the current message
   */
  public int skipLength() throws InvalidProtocolBufferException {
    int length = readLength();
    int start = position;
    position += length;
    return start;
  }

  /** A string field that holds a value: decoded as it is. */
  String readString() throws InvalidProtocolBufferException {
    int length = readLength();
    String value = decode(bytes, position, length);
    position += length;
    return value;
  }

  /** A string field that repeats across items (attribute keys, names): shared through {@code strings}. */
  String readString(Strings strings) throws InvalidProtocolBufferException {
    int length = readLength();
    String value = strings.get(bytes, position, length);
    position += length;
    return value;
  }

  /** A bytes field (trace and span ids) as lowercase hex, empty for no bytes. */
  String readHex() throws InvalidProtocolBufferException {
    int length = readLength();
    String hex = length == 0 ? "" : HEX.formatHex(bytes, position, position + length);
    position += length;
    return hex;
  }

  byte[] readBytes() throws InvalidProtocolBufferException {
    int length = readLength();
    byte[] value = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return value;
  }

  /**
   * Skips the field whose tag was just read, whatever its wire type.
   *
   * @param tag the tag {@link #readTag} returned
   * @throws InvalidProtocolBufferException when the field is truncated or its wire type invalid
   */
  public void skipField(int tag) throws InvalidProtocolBufferException {
    skipField(tag, 0);
  }

  private void skipField(int tag, int depth) throws InvalidProtocolBufferException {
    switch (tag & 7) {
      case VARINT -> readVarint64();
      case I64 -> skipRaw(8);
      case LEN -> skipLength();
      case I32 -> skipRaw(4);
      case START_GROUP -> {
        if (depth > OtlpProtobufDecoder.MAX_DEPTH) {
          throw new InvalidProtocolBufferException("groups nested deeper than " + OtlpProtobufDecoder.MAX_DEPTH);
        }
        int end = (tag & ~7) | END_GROUP;
        int inner;
        while ((inner = readTag()) != end) {
          if (inner == 0) {
            throw truncated();
          }
          skipField(inner, depth + 1);
        }
      }
      default -> throw new InvalidProtocolBufferException("Protocol message tag had invalid wire type.");
    }
  }

  private void skipRaw(int count) throws InvalidProtocolBufferException {
    if (limit - position < count) {
      throw truncated();
    }
    position += count;
  }

  private static InvalidProtocolBufferException truncated() {
    return new InvalidProtocolBufferException("While parsing a protocol message, the input ended unexpectedly in"
        + " the middle of a field.  This could mean either that the input has been truncated or that an embedded"
        + " message misreported its own length.");
  }

  static boolean isAscii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** UTF-8 as protobuf requires it for strings: invalid sequences are an error, not replaced. */
  static String decode(byte[] bytes, int from, int length) throws InvalidProtocolBufferException {
    if (isAscii(bytes, from, from + length)) {
      return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, from, length)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidProtocolBufferException("Protocol message had invalid UTF-8.");
    }
  }

  /**
   * The strings of one request that repeat from item to item (attribute keys, span and scope names), decoded once
   * and shared: no copy of the same key per span in the store. A small direct-mapped table, one per request, so it
   * holds nothing between requests; long strings are not cached.
   */
  static final class Strings {
    private static final int SLOTS = 256;
    private static final int LONGEST = 64;
    private final byte[][] encoded = new byte[SLOTS][];
    private final String[] decoded = new String[SLOTS];

    String get(byte[] bytes, int from, int length) throws InvalidProtocolBufferException {
      if (length == 0) {
        return "";
      }
      if (length > LONGEST) {
        return decode(bytes, from, length);
      }
      int hash = 1;
      for (int i = from, to = from + length; i < to; i++) {
        hash = 31 * hash + bytes[i];
      }
      int slot = (hash ^ (hash >>> 8) ^ (hash >>> 16)) & (SLOTS - 1);
      byte[] cached = encoded[slot];
      if (cached != null && Arrays.equals(cached, 0, cached.length, bytes, from, from + length)) {
        return decoded[slot];
      }
      String value = decode(bytes, from, length);
      encoded[slot] = Arrays.copyOfRange(bytes, from, from + length);
      decoded[slot] = value;
      return value;
    }
  }
}
