package io.github.lgtmbootstrap.testkit.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lgtmbootstrap.testkit.model.MetricType;
import org.junit.jupiter.api.Test;

class PrometheusNamesTest {

  @Test
  void annotationUnitsAreDroppedAndMonotonicSumsGetTotal() {
    assertThat(PrometheusNames.metricName("checkout.orders", "{order}", MetricType.SUM, true))
        .isEqualTo("checkout_orders_total");
  }

  @Test
  void unitsBecomeWordsBeforeTotal() {
    assertThat(PrometheusNames.metricName("checkout.payload.size", "By", MetricType.SUM, true))
        .isEqualTo("checkout_payload_size_bytes_total");
    assertThat(PrometheusNames.metricName("checkout.duration", "ms", MetricType.HISTOGRAM, false))
        .isEqualTo("checkout_duration_milliseconds");
    assertThat(PrometheusNames.metricName("http.server.request.duration", "s", MetricType.HISTOGRAM, false))
        .isEqualTo("http_server_request_duration_seconds");
  }

  @Test
  void perUnitsAndRatiosAndNonMonotonicSums() {
    assertThat(PrometheusNames.metricName("net.io", "By/s", MetricType.GAUGE, false)).isEqualTo("net_io_bytes_per_second");
    assertThat(PrometheusNames.metricName("cpu.utilization", "1", MetricType.GAUGE, false))
        .isEqualTo("cpu_utilization_ratio");
    assertThat(PrometheusNames.metricName("jvm.memory.used", "By", MetricType.SUM, false)).isEqualTo("jvm_memory_used_bytes");
    assertThat(PrometheusNames.metricName("requests", "1", MetricType.SUM, true)).isEqualTo("requests_total");
  }

  @Test
  void suffixAlreadyInNameIsNotRepeated() {
    assertThat(PrometheusNames.metricName("process.cpu.seconds", "s", MetricType.SUM, true))
        .isEqualTo("process_cpu_seconds_total");
    assertThat(PrometheusNames.metricName("jobs.total", "", MetricType.SUM, true)).isEqualTo("jobs_total");
  }

  @Test
  void invalidCharactersSplitTheNameAndLeadingDigitsGetAnUnderscore() {
    assertThat(PrometheusNames.metricName("my-app..queue__depth", "", MetricType.GAUGE, false))
        .isEqualTo("my_app_queue_depth");
    assertThat(PrometheusNames.metricName("2xx.count", "", MetricType.GAUGE, false)).isEqualTo("_2xx_count");
  }

  @Test
  void storedNamesAreRecognisedWhateverTheUnit() {
    assertThat(PrometheusNames.belongsTo("checkout_orders_total", "checkout.orders")).isTrue();
    assertThat(PrometheusNames.belongsTo("checkout_payload_size_bytes_total", "checkout.payload.size")).isTrue();
    assertThat(PrometheusNames.belongsTo("checkout_duration_milliseconds_bucket", "checkout.duration")).isTrue();
    assertThat(PrometheusNames.belongsTo("checkout_duration_milliseconds_count", "checkout.duration")).isTrue();
    assertThat(PrometheusNames.belongsTo("checkout_orders", "checkout.orders")).isTrue();
    // a different instrument that merely starts with the same words
    assertThat(PrometheusNames.belongsTo("checkout_orders_failed_total", "checkout.orders")).isFalse();
    assertThat(PrometheusNames.belongsTo("checkout_payload_size_bytes_total", "checkout.payload")).isFalse();
    assertThat(PrometheusNames.belongsTo("checkout_ordersx_total", "checkout.orders")).isFalse();
  }

  @Test
  void unitIsRecoveredFromTheSuffix() {
    assertThat(PrometheusNames.unitOf("checkout_duration_milliseconds", "checkout.duration")).contains("ms");
    assertThat(PrometheusNames.unitOf("checkout_payload_size_bytes_total", "checkout.payload.size")).contains("By");
    assertThat(PrometheusNames.unitOf("net_io_bytes_per_second", "net.io")).contains("By/s");
    assertThat(PrometheusNames.unitOf("checkout_orders_total", "checkout.orders")).isEmpty();
  }

  @Test
  void labelNamesReplaceEveryCharacterOutsideLetterDigitUnderscore() {
    assertThat(LabelValues.labelName("service.instance.id")).isEqualTo("service_instance_id");
    assertThat(LabelValues.labelName("lgtm.test.run.id")).isEqualTo("lgtm_test_run_id");
    assertThat(LabelValues.labelName("http-route/x")).isEqualTo("http_route_x");
    assertThat(LabelValues.labelName("1st")).isEqualTo("key_1st");
  }
}
