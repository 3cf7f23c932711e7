package cn.reportpost.dev;

import cn.reportpost.App;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Dev mode's live queue: a dozen orders at the demo site, placed and paid the way residents do it
 * (OAuth through the sandbox, the order API, a prepay, WeChat Pay's signed notify), so the site
 * workbench has work to show at once. Only when the demo site has no orders yet.
 */
final class DemoOrders {

  private static final Logger log = LoggerFactory.getLogger(DemoOrders.class);
  private static final List<String> PATIENTS = List.of("王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄涛",
      "周婷", "吴强", "徐丽", "孙杰");

  private DemoOrders() {}

  static void placeIfNone(App app) throws Exception {
    long existing = app.services().pool().preparedQuery("SELECT count(*) FROM report_order WHERE site_code = $1")
        .execute(Tuple.of(DemoData.DEMO_SITE)).await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
    if (existing > 0) {
      return;
    }
    HttpClient http = app.services().vertx().createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(app.httpPort()));
    try {
      ResidentClient client = new ResidentClient(http);
      List<String> cookies = client.signIn("oDemo", PATIENTS.size());
      int paid = 0;
      for (int i = 0; i < PATIENTS.size(); i++) {
        JsonObject body = Benchmark.orderBody();
        body.getJsonObject("patient").put("name", PATIENTS.get(i));
        body.getJsonObject("recipient").put("phone", String.format("1390000%04d", 1001 + i));
        body.put("copies", 1 + i % 3);
        String transactionId = "4200" + System.currentTimeMillis() + String.format("%02d", i);
        if (client.placePaid(app.sandbox(), cookies.get(i), client.openids.get(i), body, transactionId)
            .await(10, TimeUnit.SECONDS) != null) {
          paid++;
        }
      }
      log.info("demo data: {} paid orders at {} for the site workbench{}", paid, DemoData.DEMO_SITE,
          client.failure.get() == null ? "" : " (first failure: " + client.failure.get() + ")");
    } finally {
      http.close();
    }
  }
}
