package cn.reportpost.wechat;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static cn.reportpost.wechat.Await.failure;
import static cn.reportpost.wechat.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** The status message's fields within WeChat's length rules, and WeChat (the sandbox) refusing values over them. */
@ExtendWith(ReportPostExtension.class)
class StatusFieldsTest {

  private static JsonObject payload(String status, String note) {
    return new JsonObject().put("orderNo", "RP261129ABCDEFGH").put("status", status)
        .put("at", "2026-11-29T02:05:00Z").put("note", note);
  }

  @Test
  void everyFieldFitsItsKind() {
    Map<String, String> fields = StatusFields.of(payload("DELIVERY_FAILED", "收件人电话无人接听，已联系社区网格员代为转交，请留意"));
    assertThat(fields).containsOnlyKeys("character_string1", "phrase2", "thing3", "time4");
    assertThat(fields.get("character_string1")).isEqualTo("RP261129ABCDEFGH");
    assertThat(fields.get("phrase2")).isEqualTo("投递失败");
    assertThat(fields.get("thing3")).hasSize(20).endsWith("…").startsWith("收件人电话无人接听");
    assertThat(fields.get("time4")).as("Beijing time").isEqualTo("2026-11-29 10:05");
    assertThat(StatusFields.of(payload("PAID", "")).get("thing3")).isEqualTo("点击查看详情");
    assertThat(StatusFields.thing("  多行\n文字  ")).isEqualTo("多行 文字");
  }

  @Test
  void weChatRefusesAValueOverItsLimitAndTheWholeMessageWithIt(TestApp app) {
    MpApi mp = app.app().services().wechat().mp();
    // (WxJava itself cuts template values to 20 characters, so an over-long thing never leaves it.)
    assertThat(failure(mp.sendTemplate("oLimit", "TPL", "https://reportpost.example/h5/orders/x",
        Map.of("phrase2", "已经签收了的"))).code()).isEqualTo("47003");
    assertThat(result(mp.sendTemplate("oLimit", "TPL", "https://reportpost.example/h5/orders/x",
        StatusFields.of(payload("DELIVERY_FAILED", "收件人电话无人接听，已联系社区网格员代为转交，请留意"))))).isNotBlank();
  }
}
