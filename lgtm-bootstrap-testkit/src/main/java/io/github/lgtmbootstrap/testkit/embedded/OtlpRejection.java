package io.github.lgtmbootstrap.testkit.embedded;

/**
 * Why an OTLP request was refused: the HTTP status and the {@code google.rpc.Code} (which is also the gRPC status
 * code) to answer with, and a message saying what was wrong and what to do. A rejected request changes nothing
 * in the store.
 */
final class OtlpRejection extends Exception {

  private static final long serialVersionUID = 1L;

  // google.rpc.Code values, the same numbers as gRPC status codes.
  static final int INVALID_ARGUMENT = 3;
  static final int NOT_FOUND = 5;
  static final int RESOURCE_EXHAUSTED = 8;
  static final int UNIMPLEMENTED = 12;
  static final int INTERNAL = 13;

  private final int httpStatus;
  private final int rpcCode;

  OtlpRejection(int httpStatus, int rpcCode, String message) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.rpcCode = rpcCode;
  }

  /** The HTTP status of the answer, such as 400 or 413. */
  int httpStatus() {
    return httpStatus;
  }

  /** The {@code google.rpc.Code} (gRPC status code) of the answer, such as 3 (INVALID_ARGUMENT). */
  int rpcCode() {
    return rpcCode;
  }
}
