package cn.reportpost.staff;

import cn.reportpost.dev.DemoData;
import cn.reportpost.testing.OtherAddress;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Password hashing has a small pool of its own: a flood of sign-ins waits there or is turned away, never queued without end. */
@ExtendWith(ReportPostExtension.class)
class PasswordHashPoolTest {

  @Test
  void aFloodOfSignInsIsServedUpToThePoolsCapacityAndTheRestAreToldToComeBack(TestApp app) {
    // At least one thread (half the cores) and the queue.
    int capacity = 1 + app.app().services().config().integer("staff.hashingQueue");
    // From many addresses at once, as a crowd (or a botnet) would come: no per-address limit is involved.
    List<OtherAddress> crowd = IntStream.range(0, capacity * 2).mapToObj(i -> OtherAddress.fresh()).toList();
    List<Future<TestHttp.Response>> flood = crowd.stream()
        .map(from -> from.postJsonLater("/api/v1/staff/session", Map.of("username", "ops", "password", DemoData.PASSWORD)))
        .toList();
    List<TestHttp.Response> answers = OtherAddress.awaitAll(flood);

    assertThat(answers).extracting(TestHttp.Response::status).containsOnly(200, 503);
    List<TestHttp.Response> refused = answers.stream().filter(r -> r.status() == 503).toList();
    assertThat(refused).as("sign-ins beyond the pool's threads and queue").isNotEmpty();
    assertThat(answers).filteredOn(r -> r.status() == 200).as("sign-ins the pool took").hasSizeGreaterThanOrEqualTo(capacity);
    refused.forEach(r -> {
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
    });

    // Nothing was left counted against the address or the account, and the metrics tell what happened.
    for (OtherAddress from : crowd.subList(0, 3)) {
      assertThat(from.postJson("/api/v1/staff/session", Map.of("username", "ops", "password", DemoData.PASSWORD)).status())
          .isEqualTo(200);
    }
    // (Read from the registry: a /metrics scrape runs on an event loop and is slow on a busy machine.)
    MeterRegistry metrics = app.app().services().metrics();
    assertThat(metrics.get("reportpost_password_hashing_pending").gauge().value()).isZero();
    assertThat(metrics.get("reportpost_password_hashing_refused").counter().count()).isGreaterThanOrEqualTo(refused.size());
  }
}
