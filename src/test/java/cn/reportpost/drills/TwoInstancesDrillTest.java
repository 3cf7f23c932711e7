package cn.reportpost.drills;

import cn.reportpost.testing.Cluster;
import cn.reportpost.testing.Ledger;
import cn.reportpost.testing.Ledger.Outcome;
import cn.reportpost.testing.Phone;
import cn.reportpost.testing.Requests;
import cn.reportpost.testing.Sandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL and Redis under order and payment load, the load balancer
 * spreading each resident's requests over both: WeChat's notifies go to whichever instance asked
 * for the prepay, some are lost (reconciliation on either instance must find the payment), some
 * come three times, some paid orders are cancelled (one refund each). Nothing lost, nothing doubled.
 */
@Tag("drill")
class TwoInstancesDrillTest {

  private static final int RESIDENTS = 30;
  private static final int ORDERS_EACH = 2;
  private static final int PHONES_AT_ONCE = 6;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void ordersAndPaymentsSpreadOverTwoInstancesAreEachRecordedOnceAndNoneLost() throws Exception {
    try (Cluster cluster = Cluster.start(2, Map.of())) {
      Requests requests = new Requests();
      Ledger ledger = new Ledger();
      Sandbox wechat = cluster.sandbox();
      ExecutorService phones = Executors.newFixedThreadPool(PHONES_AT_ONCE);
      List<Future<?>> runs = new ArrayList<>();
      for (int r = 0; r < RESIDENTS; r++) {
        int resident = r;
        runs.add(phones.submit(() -> {
          Phone phone = Phone.signIn(cluster, requests, resident % 2, "oDrillTwo" + resident);
          for (int j = 0; j < ORDERS_EACH; j++) {
            place(phone, wechat, ledger, resident * ORDERS_EACH + j);
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(90, TimeUnit.SECONDS);
      }
      phones.shutdown();
      long loadMillis = requests.elapsed();

      Ledger.Books books = ledger.await(cluster, Duration.ofSeconds(60));
      long settledMillis = requests.elapsed();

      long byReconciliation = books.paidNote().values().stream().filter(n -> n.contains("对账查询")).count();
      System.out.printf("DRILL two-instances: %d residents, %d orders (%d paid, %d refunded, %d unpaid) in %d ms;"
              + " books settled %d ms after the load; %d payments found by reconciliation, %d by notify;"
              + " notifies sent %d; blocked-thread warnings %d; WeChat calls %s; requests %s%n",
          RESIDENTS, ledger.size(), ledger.count(Outcome.PAID), ledger.count(Outcome.REFUNDED), ledger.count(Outcome.UNPAID),
          loadMillis, settledMillis - loadMillis, byReconciliation, books.paidNote().size() - byReconciliation,
          wechat.http().get("/sandbox/pay/notifies").jsonArray().size(), cluster.blockedThreadWarnings().size(),
          wechat.calls(), requests.summary(a -> true));
      Ledger.assertAgree(books);
      assertThat(requests.where(a -> !a.ok())).as("every request of the load was answered 2xx").isEmpty();
    }
  }

  /**
   * Order {@code k}: created on one instance (sometimes sent again, same key, to the other), paid
   * through the other, then one of five endings.
   */
  private static void place(Phone phone, Sandbox wechat, Ledger ledger, int k) throws InterruptedException {
    int at = k % 2;
    int other = 1 - at;
    String key = "drill-two-" + k;
    ledger.keyUsed(phone.openid(), key);
    Requests.Answer created = phone.order(at, key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String orderNo = Phone.orderNo(created);
    if (k % 4 == 0) {
      // The client retried (its answer was lost): the other instance answers the same order.
      Requests.Answer again = phone.order(other, key);
      assertThat(again.ok()).as(again.body()).isTrue();
      assertThat(again.body()).contains(orderNo);
    }
    Requests.Answer prepay = phone.prepay(other, orderNo);
    assertThat(prepay.status()).as(prepay.body()).isEqualTo(200);
    switch (k % 5) {
      case 0 -> {
        wechat.pay(orderNo, "?notify=false");
        ledger.expect(orderNo, phone.openid(), Outcome.PAID);
      }
      case 1 -> {
        wechat.pay(orderNo, "?times=3");
        ledger.expect(orderNo, phone.openid(), Outcome.PAID);
      }
      case 2 -> ledger.expect(orderNo, phone.openid(), Outcome.UNPAID);
      case 3 -> {
        wechat.pay(orderNo, "");
        assertThat(phone.awaitStatus(at, orderNo, "PAID", Duration.ofSeconds(20))).as(orderNo + " paid").isTrue();
        Requests.Answer cancelled = phone.cancel(at, orderNo);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.body()).contains("REFUNDING");
        ledger.expect(orderNo, phone.openid(), Outcome.REFUNDED);
      }
      default -> {
        wechat.pay(orderNo, "");
        ledger.expect(orderNo, phone.openid(), Outcome.PAID);
      }
    }
  }
}
