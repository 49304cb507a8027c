package io.github.lgtmbootstrap.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with an LGTM backend: the zero-configuration door to the testkit. The backend (chosen by
 * {@code lgtm.testkit.backend}, {@code embedded} by default) starts once per test run; the
 * {@code otel.exporter.otlp.*} system properties point in-process SDKs at it for the duration of the class; a
 * {@link LgtmBackend} parameter gives the test its endpoint and assertions.
 *
 * <pre>{@code
 * @LgtmTest
 * class CheckoutTest {
 *   @Test
 *   void placesOrder(LgtmBackend lgtm) {
 *     ...
 *     lgtm.assertTraces().hasSpan("placeOrder");
 *   }
 * }
 * }</pre>
 *
 * <p>For settings (timeout, fixed port, SDKs to flush) register {@link LgtmExtension} with
 * {@code @RegisterExtension} instead; do not combine both on one class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LgtmExtension.class)
public @interface LgtmTest {}
