/**
 * The testkit's door: {@link io.github.lgtmbootstrap.testkit.LgtmTest} (zero configuration) or
 * {@link io.github.lgtmbootstrap.testkit.LgtmExtension} (with settings) start an LGTM backend for the test run and
 * inject {@link io.github.lgtmbootstrap.testkit.LgtmBackend}, whose eventual assertions prove that traces, logs
 * and metrics arrived; {@link io.github.lgtmbootstrap.testkit.LgtmAssertions} offers them as static methods.
 *
 * <pre>{@code
 * @LgtmTest
 * class CheckoutTest {
 *   @Test
 *   void placesOrder(LgtmBackend lgtm) {
 *     checkout.placeOrder(3);
 *     lgtm.assertTraces().hasSpan("placeOrder").withAttribute("order.items", 3);
 *   }
 * }
 * }</pre>
 *
 * <p>All types, arguments and return values in this package are non-null unless documented otherwise.
 */
package io.github.lgtmbootstrap.testkit;
