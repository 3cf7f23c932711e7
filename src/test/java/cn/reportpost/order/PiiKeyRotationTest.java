package cn.reportpost.order;

import cn.reportpost.App;
import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;
import cn.reportpost.config.Mode;
import cn.reportpost.db.Database;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static cn.reportpost.order.SealedPersonalFieldsTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rotating the PII key from k1 to k2 on 10,000 orders while new orders are created, by the
 * command and a second instance's job at once; and the refusal to start without a needed key.
 */
@ExtendWith(ReportPostExtension.class)
class PiiKeyRotationTest {

  private static final int ROWS = 10_000;
  private static final int LEGACY_ROWS = 200;

  private final TestApp app;
  private final Vertx vertx;

  PiiKeyRotationTest(TestApp app) {
    this.app = app;
    this.vertx = app.app().services().vertx();
  }

  /** The app's database server, another database: the shared server's own jobs never see these rows. */
  private Map<String, String> ownDatabase(String currentId, String current, String oldKeys) throws Exception {
    String db = "rotation" + System.nanoTime();
    app.app().services().pool().query("CREATE DATABASE " + db).execute().await(30, TimeUnit.SECONDS);
    Map<String, String> env = new HashMap<>(app.env());
    env.put("PG_DATABASE", db);
    return withKeys(env, currentId, current, oldKeys);
  }

  private static Map<String, String> withKeys(Map<String, String> env, String currentId, String current, String oldKeys) {
    Map<String, String> e = new HashMap<>(env);
    e.put("PII_KEY_ID", currentId);
    e.put("PII_KEY", current);
    e.put("PII_OLD_KEYS", oldKeys);
    e.put("HASH_KEY", key(99));
    return e;
  }

  private static String orderNo(int i) {
    return String.format("RT%06d", i);
  }

  @Test
  void rotatingFromK1ToK2LeavesNoOrderUnderK1AndLosesNoneCreatedMeanwhile() throws Exception {
    Map<String, String> envK1 = ownDatabase("k1", key(1), "");
    AppConfig config = AppConfig.load(vertx, Mode.PRODUCTION, envK1).await(30, TimeUnit.SECONDS);
    Database.migrate(config);
    Pool pool = Database.pool(vertx, config);
    try {
      seed(pool, config.personalData());
      Map<String, String> envK2 = withKeys(envK1, "k2", key(2), "k1:" + key(1));
      PersonalData k2 = AppConfig.load(vertx, Mode.PRODUCTION, envK2).await(30, TimeUnit.SECONDS).personalData();
      OrderRepository orders = new OrderRepository(pool, pool);
      long resident = pool.query("SELECT id FROM resident WHERE mp_openid = 'oRotation'").execute()
          .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);

      // New orders keep coming while two instances rotate: the command, and a running service's job.
      AtomicBoolean rotating = new AtomicBoolean(true);
      CompletableFuture<Integer> created = CompletableFuture.supplyAsync(() -> {
        int n = 0;
        while (rotating.get() || n < 50) {
          String no = orderNo(ROWS + n);
          orders.insert(newOrder(k2, resident, no, n), new OrderEvent(ActorRole.RESIDENT, "1", OffsetDateTime.now(), "", "已下单",
              "create:" + no)).await().orElseThrow();
          n++;
        }
        return n;
      });
      PersonalDataReseal otherInstance = new PersonalDataReseal(vertx, new PersonalDataRepository(pool, pool), k2, 300);
      CompletableFuture<Integer> byJob = CompletableFuture.supplyAsync(() -> {
        int total = 0;
        int n;
        while ((n = otherInstance.runOnce().await()) > 0) {
          total += n;
        }
        return total;
      });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = RotatePiiCommand.run(envK2, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      int jobDid = byJob.get(120, TimeUnit.SECONDS);
      rotating.set(false);
      int made = created.get(60, TimeUnit.SECONDS);

      String report = out.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(report + err).isEqualTo(0);
      assertThat(report).contains("to re-seal under key k2").contains("re-sealed, about").containsPattern("done in \\d+ ms: \\d+ re-sealed, 0 left");
      assertThat(jobDid).as("the second instance shared the work").isPositive();

      List<Row> rows = new ArrayList<>();
      // The stored order first (StoredOrder.from reads its columns by position), then the lookup hashes.
      pool.query("SELECT " + StoredOrder.COLUMNS + ", patient_name_hash, patient_phone_tail_hash, recipient_phone_tail_hash"
          + " FROM report_order ORDER BY order_no").execute().await(30, TimeUnit.SECONDS).forEach(rows::add);
      assertThat(rows).hasSize(ROWS + made);
      // Opened with k2 alone: nothing may still need k1.
      PersonalData onlyK2 = PersonalData.of("k2", key(2), "", key(99));
      for (Row r : rows) {
        StoredOrder o = StoredOrder.from(r);
        int i = Integer.parseInt(o.orderNo().substring(2));
        for (PersonalColumn c : PersonalColumn.values()) {
          assertThat(r.getString(c.column())).as(o.orderNo() + " " + c).startsWith("v2$k2:");
        }
        PersonalFields p = o.personal(onlyK2);
        assertThat(p.patientName()).isEqualTo(i < ROWS ? "患者" + i : "新患者" + (i - ROWS));
        assertThat(p.patientPhone()).isEqualTo(phone(i % ROWS));
        assertThat(p.address()).isEqualTo("长风街" + (i % ROWS) + "号");
        assertThat(r.getString("patient_name_hash")).isEqualTo(onlyK2.nameHash(p.patientName()));
        assertThat(r.getString("recipient_phone_tail_hash")).isEqualTo(onlyK2.phoneTailHash(p.recipientPhone()));
      }

      // k2 is now needed: without it (k1 retired too), the command refuses and names the count and the key.
      Map<String, String> envK3 = withKeys(envK1, "k3", key(3), "k1:" + key(1));
      ByteArrayOutputStream refused = new ByteArrayOutputStream();
      assertThat(RotatePiiCommand.run(envK3, new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(refused, true, StandardCharsets.UTF_8))).isEqualTo(2);
      assertThat(refused.toString(StandardCharsets.UTF_8)).contains((ROWS + made) + " order(s) still need PII key k2");
    } finally {
      pool.close();
    }
  }

  @Test
  void theServiceRefusesToStartWhileOrdersNeedAKeyNoLongerConfigured() throws Exception {
    PaidOrders.place(app, "TY001");
    String shared = app.app().services().config().string("secrets.piiKeyId");
    Map<String, String> env = new HashMap<>(app.env());
    env.put("HTTP_PORT", Integer.toString(TestApp.freePort()));
    env.put("SANDBOX_PORT", Integer.toString(TestApp.freePort()));
    env.put("DATA_DIR", Files.createTempDirectory("reportpost-refusal").toString());
    env.put("PII_KEY_ID", "k9");
    env.put("PII_KEY", key(9));
    env.put("PII_OLD_KEYS", "");
    env.put("HASH_KEY", key(99));
    assertThatThrownBy(() -> App.start(Mode.TEST, env, app.embedded()).stop())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("order(s) still need PII key " + shared)
        .hasMessageContaining("PII_OLD_KEYS");
  }

  private static String phone(int i) {
    return String.format("139%08d", i);
  }

  /** 10,000 orders under k1: most sealed, some written the way they were before sealing. */
  private static void seed(Pool pool, PersonalData k1) throws Exception {
    pool.query("INSERT INTO site (code, name, city_code, address, fee_fen, out_of_province_fee_fen)"
        + " VALUES ('RT01', '轮换测试点', '140100', '测试路1号', 1000, 2000)").execute().await(10, TimeUnit.SECONDS);
    pool.query("INSERT INTO resident (mp_openid) VALUES ('oRotation')").execute().await(10, TimeUnit.SECONDS);
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String no = orderNo(i);
      boolean legacy = i < LEGACY_ROWS;
      String name = "患者" + i;
      batch.add(Tuple.from(new Object[] {no,
          legacy ? name : PersonalColumn.PATIENT_NAME.seal(k1, no, name),
          legacy ? k1.encrypt("140105199003071234") : PersonalColumn.PATIENT_ID_NUMBER.seal(k1, no, "140105199003071234"),
          k1.hash("140105199003071234"),
          legacy ? k1.encrypt(phone(i)) : PersonalColumn.PATIENT_PHONE.seal(k1, no, phone(i)), k1.hash(phone(i)),
          legacy ? "收件人" : PersonalColumn.RECIPIENT_NAME.seal(k1, no, "收件人"),
          legacy ? k1.encrypt(phone(i)) : PersonalColumn.RECIPIENT_PHONE.seal(k1, no, phone(i)),
          legacy ? "长风街" + i + "号" : PersonalColumn.RECIPIENT_ADDRESS.seal(k1, no, "长风街" + i + "号"),
          legacy ? null : k1.nameHash(name)}));
      if (batch.size() == 1000) {
        insert(pool, batch);
        batch.clear();
      }
    }
  }

  private static void insert(Pool pool, List<Tuple> batch) throws Exception {
    pool.preparedQuery("""
        INSERT INTO report_order (order_no, resident_id, site_code, status, amount_fen, patient_name, patient_id_type,
          patient_id_enc, patient_id_hash, patient_phone_enc, patient_phone_hash, sampled_on, recipient_name,
          recipient_phone_enc, recipient_phone_hash, recipient_province, recipient_city, recipient_district,
          recipient_address, copies, patient_name_hash, patient_phone_tail_hash, recipient_phone_tail_hash)
        VALUES ($1, (SELECT id FROM resident WHERE mp_openid = 'oRotation'), 'RT01', 'PAID', 1000, $2, 'ID_CARD',
          $3, $4, $5, $6, current_date, $7, $8, $6, '山西省', '太原市', '小店区', $9, 1, $10, NULL, NULL)""")
        .executeBatch(batch).await(60, TimeUnit.SECONDS);
  }

  private static NewOrder newOrder(PersonalData k2, long resident, String no, int n) {
    String phone = phone(n);
    return new NewOrder(no, resident, "RT01", 1000, PersonalColumn.PATIENT_NAME.seal(k2, no, "新患者" + n), "ID_CARD",
        PersonalColumn.PATIENT_ID_NUMBER.seal(k2, no, "140105199003071234"), k2.hash("140105199003071234"),
        PersonalColumn.PATIENT_PHONE.seal(k2, no, phone), k2.hash(phone), LocalDate.now(),
        PersonalColumn.RECIPIENT_NAME.seal(k2, no, "收件人"), PersonalColumn.RECIPIENT_PHONE.seal(k2, no, phone),
        k2.hash(phone), "山西省", "太原市", "小店区", PersonalColumn.RECIPIENT_ADDRESS.seal(k2, no, "长风街" + n + "号"), 1, "",
        null, "h", k2.nameHash("新患者" + n), k2.phoneTailHash(phone), k2.phoneTailHash(phone), "140000", "140100",
        "140105");
  }
}
