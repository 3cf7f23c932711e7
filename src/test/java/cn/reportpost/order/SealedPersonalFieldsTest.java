package cn.reportpost.order;

import cn.reportpost.config.AppConfig;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.privacy.PiiCipherException;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every personal field is sealed at rest, bound to its column and row, and still reads back whole. */
@ExtendWith(ReportPostExtension.class)
class SealedPersonalFieldsTest {

  private final TestApp app;
  private final Pool pool;
  private final PersonalData personal;

  SealedPersonalFieldsTest(TestApp app) {
    this.app = app;
    this.pool = app.app().services().pool();
    this.personal = appPersonalData(app);
  }

  static PersonalData appPersonalData(TestApp app) {
    AppConfig c = app.app().services().config();
    return PersonalData.of(c.string("secrets.piiKeyId"), c.string("secrets.piiKey"), c.string("secrets.piiOldKeys"),
        c.string("secrets.hashKey"));
  }

  static PersonalData keys(String currentId, String current, String oldKeys) {
    return PersonalData.of(currentId, current, oldKeys, key(99));
  }

  static String key(int seed) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) seed);
    return Base64.getEncoder().encodeToString(k);
  }

  @Test
  void aSealedValueOpensOnlyInItsOwnColumnAndRow() {
    PersonalData pd = keys("k1", key(1), "");
    String sealed = PersonalColumn.PATIENT_NAME.seal(pd, "R1", "张三");
    assertThat(sealed).startsWith("v2$k1:").doesNotContain("张三");
    assertThat(PersonalColumn.PATIENT_NAME.open(pd, "R1", sealed)).isEqualTo("张三");
    assertThatThrownBy(() -> PersonalColumn.RECIPIENT_NAME.open(pd, "R1", sealed)).isInstanceOf(PiiCipherException.class);
    assertThatThrownBy(() -> PersonalColumn.PATIENT_NAME.open(pd, "R2", sealed)).isInstanceOf(PiiCipherException.class);
    String phone = PersonalColumn.PATIENT_PHONE.seal(pd, "R1", "13812345678");
    assertThatThrownBy(() -> PersonalColumn.RECIPIENT_PHONE.open(pd, "R1", phone)).isInstanceOf(PiiCipherException.class);
  }

  @Test
  void legacyValuesStillOpen() {
    PersonalData pd = keys("k1", key(1), "");
    assertThat(PersonalColumn.RECIPIENT_ADDRESS.open(pd, "R1", "长风街100号")).isEqualTo("长风街100号");
    assertThat(PersonalColumn.PATIENT_PHONE.open(pd, "R1", pd.encrypt("13812345678"))).isEqualTo("13812345678");
    assertThat(PersonalColumn.PATIENT_NAME.open(pd, "R1", null)).isNull();
    // An encrypted-looking legacy value without associated data is no plain name: it does not open as sealed.
    assertThat(pd.encrypt("13812345678")).doesNotStartWith(pd.currentSealPrefix());
  }

  @Test
  void aNewOrderStoresNoPersonalValueInTheClearAndAMovedValueDoesNotOpen() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    Row row = pool.preparedQuery("SELECT * FROM report_order WHERE order_no = $1").execute(Tuple.of(p.orderNo()))
        .await(5, TimeUnit.SECONDS).iterator().next();
    String whole = row.toJson().encode();
    for (String plain : new String[] {"张三", "李四", "13812345678", "13912345678", "长风街100号2单元301", "140105199003071"}) {
      assertThat(whole).doesNotContain(plain);
    }
    for (PersonalColumn c : PersonalColumn.values()) {
      assertThat(row.getString(c.column())).startsWith(personal.currentSealPrefix());
    }
    OrderRepository orders = new OrderRepository(pool, pool);
    StoredOrder stored = orders.find(p.orderNo()).await(5, TimeUnit.SECONDS).orElseThrow();
    PersonalFields opened = stored.personal(personal);
    assertThat(opened.patientName()).isEqualTo("张三");
    assertThat(opened.recipientPhone()).isEqualTo("13912345678");
    assertThat(opened.address()).isEqualTo("长风街100号2单元301");

    // Swapping the patient's name into the recipient's column of the same order is caught.
    pool.preparedQuery("UPDATE report_order SET recipient_name = patient_name WHERE order_no = $1")
        .execute(Tuple.of(p.orderNo())).await(5, TimeUnit.SECONDS);
    StoredOrder swapped = orders.find(p.orderNo()).await(5, TimeUnit.SECONDS).orElseThrow();
    assertThatThrownBy(() -> swapped.personal(personal)).isInstanceOf(PiiCipherException.class);
    // So is copying another order's value into this row, and the answer names no personal value.
    PaidOrders.Placed other = PaidOrders.place(app, "TY001");
    pool.preparedQuery("""
        UPDATE report_order SET patient_name = (SELECT patient_name FROM report_order WHERE order_no = $2),
          recipient_name = (SELECT recipient_name FROM report_order WHERE order_no = $2)
        WHERE order_no = $1""").execute(Tuple.of(p.orderNo(), other.orderNo())).await(5, TimeUnit.SECONDS);
    StoredOrder copied = orders.find(p.orderNo()).await(5, TimeUnit.SECONDS).orElseThrow();
    assertThatThrownBy(() -> copied.open(PersonalColumn.PATIENT_NAME, personal)).isInstanceOf(PiiCipherException.class);
    var answer = app.http().get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie());
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.body()).doesNotContain("v2$").doesNotContain("张三");
  }
}
