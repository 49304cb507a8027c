package com.example.boot;

/** A logger name that application.properties sets to WARN. */
public final class Quiet {
  private Quiet() {}
}
