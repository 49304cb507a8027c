package io.github.lgtmbootstrap.logback.internal;

import java.util.Arrays;

/** Growable byte buffer bounded by the stream's maxLine. */
final class LineBuffer {
  byte[] bytes;
  int length;

  LineBuffer(int initial) {
    bytes = new byte[initial];
  }

  void append(byte[] src, int off, int len, CapturingStream owner) {
    int max = owner.maxLine();
    while (len > 0) {
      int room = max - length;
      if (room == 0) {
        owner.overflow(this);
        room = max;
      }
      int chunk = Math.min(room, len);
      ensure(length + chunk);
      System.arraycopy(src, off, bytes, length, chunk);
      length += chunk;
      off += chunk;
      len -= chunk;
    }
  }

  private void ensure(int capacity) {
    if (capacity > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
    }
  }
}
