package cn.reportpost.staff;

import cn.reportpost.dev.DemoData;
import cn.reportpost.testing.OtherAddress;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins are counted per account and address and per address, atomically: guesses sent
 * at once cannot slip past the limit, and hammering {@code admin} blocks the hammering address
 * while the account stays open to everyone else. Each test speaks from an address of its own.
 */
@ExtendWith(ReportPostExtension.class)
class LoginThrottleTest {

  private static final String LOGIN = "/api/v1/staff/session";

  private final int perAccount;
  private final int perAddress;

  LoginThrottleTest(TestApp app) {
    perAccount = app.app().services().config().integer("staff.loginMaxFailures");
    perAddress = app.app().services().config().integer("staff.loginMaxFailuresPerAddress");
  }

  @Test
  void wrongPasswordsSentAtOnceAreCountedExactlyAndLockAtTheLimit() {
    OtherAddress from = OtherAddress.fresh();
    String user = "guess-" + System.nanoTime() % 100000;
    int sent = perAccount + 7;
    List<Future<TestHttp.Response>> guesses = IntStream.range(0, sent)
        .mapToObj(i -> from.postJsonLater(LOGIN, Map.of("username", user, "password", "wrong-" + i))).toList();
    List<Integer> statuses = OtherAddress.awaitAll(guesses).stream().map(TestHttp.Response::status).toList();

    assertThat(statuses).filteredOn(s -> s == 401).as("guesses checked").hasSize(perAccount);
    assertThat(statuses).filteredOn(s -> s == 429).as("guesses refused unchecked").hasSize(sent - perAccount);
    TestHttp.Response next = from.postJson(LOGIN, Map.of("username", user, "password", "wrong"));
    assertThat(next.status()).isEqualTo(429);
    assertThat(next.json().getString("detail")).startsWith("this account is locked for ");
  }

  @Test
  void hammeringAdminBlocksTheHammeringAddressButAdminStillSignsInFromElsewhere(TestHttp http) {
    OtherAddress attacker = OtherAddress.fresh();
    for (int i = 1; i <= perAddress + 5; i++) {
      TestHttp.Response r = attacker.postJson(LOGIN, Map.of("username", "admin", "password", "guess-" + i));
      if (i <= perAccount) {
        assertThat(r.status()).as("guess " + i).isEqualTo(401);
      } else if (i <= perAddress) {
        assertThat(r.status()).as("guess " + i).isEqualTo(429);
        assertThat(r.json().getString("detail")).as("guess " + i).startsWith("this account is locked for ");
      } else {
        assertThat(r.status()).as("guess " + i).isEqualTo(429);
        assertThat(r.json().getString("detail")).as("guess " + i).startsWith("too many failed sign-ins from your network");
        assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
      }
    }
    // Even the right password, and any other account, is refused from the blocked address...
    assertThat(attacker.postJson(LOGIN, Map.of("username", "admin", "password", DemoData.PASSWORD)).status()).isEqualTo(429);
    assertThat(attacker.postJson(LOGIN, Map.of("username", "ops", "password", DemoData.PASSWORD)).status()).isEqualTo(429);
    // ...while the real admin, on another network, signs in.
    assertThat(OtherAddress.fresh().postJson(LOGIN, Map.of("username", "admin", "password", DemoData.PASSWORD)).status())
        .isEqualTo(200);
    assertThat(http.postJson(LOGIN, Map.of("username", "admin", "password", DemoData.PASSWORD)).status()).isEqualTo(200);
  }

  @Test
  void aRightPasswordClearsTheAccountsFailuresAndNeverCountsAgainstTheAddress() {
    OtherAddress office = OtherAddress.fresh();
    for (int i = 0; i < perAccount - 1; i++) {
      assertThat(office.postJson(LOGIN, Map.of("username", "ops", "password", "typo")).status()).isEqualTo(401);
    }
    assertThat(office.postJson(LOGIN, Map.of("username", "ops", "password", DemoData.PASSWORD)).status()).isEqualTo(200);
    for (int i = 0; i < perAccount - 1; i++) {
      assertThat(office.postJson(LOGIN, Map.of("username", "ops", "password", "typo")).status()).as("typo " + i).isEqualTo(401);
    }
    // A busy office signs in far more often than the address may fail.
    for (int i = 0; i < perAddress; i++) {
      assertThat(office.postJson(LOGIN, Map.of("username", "staff", "password", DemoData.PASSWORD)).status())
          .as("sign-in " + i).isEqualTo(200);
    }
  }
}
