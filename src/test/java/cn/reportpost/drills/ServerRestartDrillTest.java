package cn.reportpost.drills;

import cn.reportpost.testing.Cluster;
import cn.reportpost.testing.Ledger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL, then Redis, restarted under order and payment load on two instances (see
 * {@link Outage}): while the server is down, requests are refused within a bounded time; once it
 * is back, the same instances, not restarted, take orders and payments again. Every order answered
 * 201 is still there, an Idempotency-Key sent again across the outage makes one order, and every
 * payment is recorded once, including those made during the outage.
 */
@Tag("drill")
class ServerRestartDrillTest {

  private static final Duration DOWN = Duration.ofSeconds(5);

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aPostgresRestartLosesNoOrderNorPaymentAndTheInstancesRecoverWithoutARestart() throws Exception {
    try (Cluster cluster = Cluster.start(2, Map.of())) {
      Outage.Figures f = new Outage(cluster, "postgres")
          .run(DOWN, () -> cluster.servers().stopPostgres(), () -> cluster.servers().startPostgres());

      f.assertRidden("PostgreSQL");
      Ledger.assertAgree(f.books());
    }
  }

  /**
   * Sessions live in Redis, so residents cannot order while it is down; WeChat's notifies and
   * reconciliation need only PostgreSQL, so payments are recorded meanwhile.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aRedisRestartLosesNoOrderNorPaymentAndPaymentsAreRecordedWhileItIsDown() throws Exception {
    try (Cluster cluster = Cluster.start(2, Map.of())) {
      Outage.Figures f = new Outage(cluster, "redis")
          .run(DOWN, () -> cluster.servers().stopRedis(), () -> cluster.servers().startRedis());

      f.assertRidden("Redis");
      assertThat(f.paidAfterStopMillis()).as("payments made while Redis was down, recorded (ms after the stop)")
          .hasSize(4).allSatisfy((orderNo, at) -> assertThat(at).as(orderNo).isLessThan(f.downMillis()));
      Ledger.assertAgree(f.books());
    }
  }
}
