package io.github.lgtmbootstrap.logback.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * A PrintStream that marks its text-printing calls, so the capturing stream below it knows which bytes are
 * text printed by the app (captured) and which are raw writes from logging frameworks (passed through only).
 */
final class TextMarkingPrintStream extends PrintStream {
  TextMarkingPrintStream(OutputStream out, Charset charset) {
    super(out, true, charset);
  }

  private static int[] enter() {
    int[] state = ConsoleCapture.STATE.get();
    state[0]++;
    return state;
  }

  @Override
  public void print(boolean b) {
    int[] s = enter();
    try {
      super.print(b);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void print(char c) {
    int[] s = enter();
    try {
      super.print(c);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void print(int i) {
    int[] s = enter();
    try {
      super.print(i);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void print(long l) {
    int[] s = enter();
    try {
      super.print(l);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void print(float f) {
    int[] s = enter();
    try {
      super.print(f);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void print(double d) {
    int[] s = enter();
    try {
      super.print(d);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void print(char[] chars) {
    int[] s = enter();
    try {
      super.print(chars);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void print(String text) {
    int[] s = enter();
    try {
      super.print(text);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void print(Object obj) {
    int[] s = enter();
    try {
      super.print(obj);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println() {
    int[] s = enter();
    try {
      super.println();
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println(boolean b) {
    int[] s = enter();
    try {
      super.println(b);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println(char c) {
    int[] s = enter();
    try {
      super.println(c);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println(int i) {
    int[] s = enter();
    try {
      super.println(i);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println(long l) {
    int[] s = enter();
    try {
      super.println(l);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println(float f) {
    int[] s = enter();
    try {
      super.println(f);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println(double d) {
    int[] s = enter();
    try {
      super.println(d);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println(char[] chars) {
    int[] s = enter();
    try {
      super.println(chars);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println(String text) {
    int[] s = enter();
    try {
      super.println(text);
    } finally {
      s[0]--;
    }
  }

  @Override
  public void println(Object obj) {
    int[] s = enter();
    try {
      super.println(obj);
    } finally {
      s[0]--;
    }
  }

  @Override
  public PrintStream format(String format, Object... args) {
    int[] s = enter();
    try {
      return super.format(format, args);
    } finally {
      s[0]--;
    }
  }

  @Override
  public PrintStream format(java.util.Locale locale, String format, Object... args) {
    int[] s = enter();
    try {
      return super.format(locale, format, args);
    } finally {
      s[0]--;
    }
  }

  @Override
  public PrintStream append(CharSequence text) {
    int[] s = enter();
    try {
      return super.append(text);
    } finally {
      s[0]--;
    }
  }

  @Override
  public PrintStream append(CharSequence text, int start, int end) {
    int[] s = enter();
    try {
      return super.append(text, start, end);
    } finally {
      s[0]--;
    }
  }

  @Override
  public PrintStream append(char c) {
    int[] s = enter();
    try {
      return super.append(c);
    } finally {
      s[0]--;
    }
  }
}
