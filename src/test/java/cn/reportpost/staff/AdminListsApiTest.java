package cn.reportpost.staff;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the admin pages list: every site with its fees, and the audit trail. ADMIN only. */
@ExtendWith(ReportPostExtension.class)
class AdminListsApiTest {

  @Test
  void onlyAdminsListSitesAndTheAuditTrail(TestHttp http) {
    for (String user : new String[] {"staff", "courier", "ops"}) {
      Staff s = Staff.signIn(http, user);
      assertThat(s.get("/api/v1/admin/sites").status()).as(user).isEqualTo(403);
      assertThat(s.get("/api/v1/admin/audit").status()).as(user).isEqualTo(403);
    }
    assertThat(http.get("/api/v1/admin/sites").status()).isEqualTo(401);
    assertThat(http.get("/api/v1/admin/audit").status()).isEqualTo(401);
  }

  @Test
  void theSiteListHasEverySiteWithItsFeesAndPosterCode(TestHttp http) {
    Staff admin = Staff.signIn(http, "admin");
    JsonArray sites = admin.get("/api/v1/admin/sites").jsonArray();
    JsonObject ty001 = sites.stream().map(JsonObject.class::cast).filter(s -> "TY001".equals(s.getString("code")))
        .findFirst().orElseThrow();
    assertThat(ty001.getInteger("feeFen")).isPositive();
    assertThat(ty001.getString("cityName")).isEqualTo("太原市");
    assertThat(ty001.getString("posterCode")).isIn("MP_QR", "MA_CODE");
  }

  @Test
  void theAuditTrailIsNewestFirstFilteredByActionAndPaged(TestHttp http) {
    Staff admin = Staff.signIn(http, "admin");
    String tag = "k" + System.nanoTime();
    for (int i = 0; i < 3; i++) {
      assertThat(admin.post("/api/v1/admin/chat-rules", Map.of("keyword", tag + i, "reply", "好的")).status()).isEqualTo(201);
    }
    JsonObject page = admin.get("/api/v1/admin/audit?action=chat-rule.add").json();
    assertThat(page.getJsonArray("items").stream().map(e -> ((JsonObject) e).getString("action"))).containsOnly("chat-rule.add");
    JsonObject newest = page.getJsonArray("items").getJsonObject(0);
    assertThat(newest.getString("actor")).isEqualTo("admin");
    assertThat(newest.getString("detail")).contains(tag + "2");
    assertThat(admin.get("/api/v1/admin/audit?action=DROP%20TABLE").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/admin/audit?cursor=abc").status()).isEqualTo(400);
    JsonObject older = admin.get("/api/v1/admin/audit?cursor=" + newest.getLong("id")).json();
    assertThat(older.getJsonArray("items").stream().mapToLong(e -> ((JsonObject) e).getLong("id")))
        .allMatch(id -> id < newest.getLong("id"));
  }
}
