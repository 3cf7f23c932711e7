package cn.reportpost.tracking;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;
import cn.reportpost.config.Mode;
import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kuaidi100's wire format and states, read without a server. */
class TrackingWireFormatTest {

  private static JsonObject scan(String ftime, String context, String statusCode, String status, String areaName) {
    JsonObject d = new JsonObject().put("context", context).put("time", ftime).put("ftime", ftime).put("areaName", areaName);
    if (statusCode != null) {
      d.put("statusCode", statusCode);
    }
    return status == null ? d : d.put("status", status);
  }

  private static String push(String state, JsonArray data) {
    return new JsonObject().put("status", "polling").put("billstatus", "got").put("message", "")
        .put("lastResult", new JsonObject().put("message", "ok").put("nu", "1234567890123").put("state", state)
            .put("data", data)).encode();
  }

  @Test
  void aSignIsTheUpperCaseHexMd5OfParamFollowedByTheSalt() {
    assertThat(Kuaidi100.sign("ab", "c")).isEqualTo("900150983CD24FB0D6963F7D28E17F72");
    assertThat(Kuaidi100.signedBy("ab", "900150983CD24FB0D6963F7D28E17F72", "c")).isTrue();
    assertThat(Kuaidi100.signedBy("ab", "900150983cd24fb0d6963f7d28e17f72", "c")).isTrue();
    assertThat(Kuaidi100.signedBy("ab ", "900150983CD24FB0D6963F7D28E17F72", "c")).isFalse();
    assertThat(Kuaidi100.signedBy("ab", null, "c")).isFalse();
    assertThat(Kuaidi100.signedBy("ab", "", "c")).isFalse();
  }

  @Test
  void aSubscriptionAsksForEmsWithTheAreaOfEachScanAndNoPhone() {
    JsonObject param = Kuaidi100.subscription("KEY", "1234567890123", "https://rp.example/track/kuaidi100", "SALT");
    assertThat(param.fieldNames()).containsExactly("company", "number", "key", "parameters");
    assertThat(param.getString("company")).isEqualTo("ems");
    assertThat(param.getJsonObject("parameters").getMap()).containsOnlyKeys("callbackurl", "salt", "resultv2")
        .containsEntry("resultv2", "1").containsEntry("salt", "SALT");
    assertThat(Kuaidi100.subscribed(new JsonObject().put("result", false).put("returnCode", "501"))).isTrue();
    assertThat(Kuaidi100.subscribed(new JsonObject().put("result", false).put("returnCode", "600"))).isFalse();
  }

  @Test
  void aPushIsReadOldestFirstInChinaTimeWithEachScansState() {
    JsonArray data = new JsonArray()
        .add(scan("2026-11-29 18:00:00", "已签收", null, null, "北京市"))
        .add(scan("2026-11-29 09:30:00", "投递中", null, "派件", "北京市"))
        .add(scan("not a time", "？", "0", "在途", ""))
        .add(scan("2026-11-28 20:00:00", "已封发", "1002", "干线", "山西省,太原市"));
    Kuaidi100.Push push = Kuaidi100.parse(push("3", data));
    assertThat(push.waybillNo()).isEqualTo("1234567890123");
    assertThat(push.scans()).extracting(CarrierScan::context).as("the scan without a time is left out")
        .containsExactly("已封发", "投递中", "已签收");
    assertThat(push.scans().get(0).at()).isEqualTo(OffsetDateTime.parse("2026-11-28T20:00:00+08:00"));
    assertThat(push.scans()).extracting(CarrierScan::code).as("statusCode, else the words, else the newest takes state")
        .containsExactly("1002", "5", "3");
    assertThat(push.scans()).extracting(s -> s.stage().orElse(null))
        .containsExactly(OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED);
  }

  @Test
  void aScanKeepsItsKeyWhenALaterPushAddsItsArea() {
    String bare = push("0", new JsonArray().add(scan("2026-11-28 20:00:00", "已封发", "0", null, "")));
    String richer = push("0", new JsonArray().add(scan("2026-11-28 20:00:00", "已封发", "0", null, "山西省,太原市")));
    String other = push("0", new JsonArray().add(scan("2026-11-28 20:00:01", "已封发", "0", null, "")));
    String key = Kuaidi100.parse(bare).scans().get(0).key();
    assertThat(Kuaidi100.parse(richer).scans().get(0).key()).isEqualTo(key);
    assertThat(Kuaidi100.parse(other).scans().get(0).key()).isNotEqualTo(key);
  }

  @Test
  void aPushWithoutItsWaybillOrNotJsonCannotBeRead() {
    assertThatThrownBy(() -> Kuaidi100.parse("{not json")).isInstanceOf(Kuaidi100.Malformed.class);
    assertThatThrownBy(() -> Kuaidi100.parse("[]")).isInstanceOf(Kuaidi100.Malformed.class);
    assertThatThrownBy(() -> Kuaidi100.parse(new JsonObject().put("status", "abort").encode()))
        .isInstanceOf(Kuaidi100.Malformed.class).hasMessageContaining("nu");
  }

  @Test
  void everyMainStateAndItsFinerCodesMeanOneStageOrNone() {
    assertThat(CarrierStates.stage("0")).contains(OrderStatus.IN_TRANSIT);
    assertThat(CarrierStates.stage("1003")).contains(OrderStatus.IN_TRANSIT);
    assertThat(CarrierStates.stage("1")).isEmpty();
    assertThat(CarrierStates.stage("103")).as("揽收: POSTED already says so").isEmpty();
    assertThat(CarrierStates.stage("5")).contains(OrderStatus.OUT_FOR_DELIVERY);
    assertThat(CarrierStates.stage("501")).contains(OrderStatus.OUT_FOR_DELIVERY);
    assertThat(CarrierStates.stage("3")).contains(OrderStatus.DELIVERED);
    assertThat(CarrierStates.stage("304")).contains(OrderStatus.DELIVERED);
    assertThat(CarrierStates.stage("14")).contains(OrderStatus.DELIVERY_FAILED);
    assertThat(CarrierStates.stage("4")).contains(OrderStatus.RETURNED);
    assertThat(CarrierStates.stage("6")).contains(OrderStatus.RETURNED);
    assertThat(CarrierStates.stage("2")).isEmpty();
    assertThat(CarrierStates.problem("2")).isTrue();
    assertThat(CarrierStates.problem("204")).isTrue();
    assertThat(CarrierStates.problem("0")).isFalse();
    assertThat(CarrierStates.stage("7")).as("转投 only goes on the trail").isEmpty();
    assertThat(CarrierStates.stage("10")).as("待清关 is not 1001").isEmpty();
    assertThat(CarrierStates.stage("")).isEmpty();
    assertThat(CarrierStates.code(null, "拒签", null)).isEqualTo("14");
    assertThat(CarrierStates.code("", "", null)).isEmpty();
  }

  @Test
  void trackingIsOffWithoutAKeyAndAKeyWithoutASaltIsRefused() {
    AppConfig none = new AppConfig(Mode.PRODUCTION, new JsonObject());
    assertThat(TrackingSettings.from(none)).isEqualTo(Optional.empty());
    JsonObject keyed = new JsonObject().put("tracking", new JsonObject().put("kuaidi100", new JsonObject().put("key", "KEY-123")));
    assertThatThrownBy(() -> TrackingSettings.from(new AppConfig(Mode.PRODUCTION, keyed)))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("TRACKING_KUAIDI100_SALT");
    keyed.getJsonObject("tracking").getJsonObject("kuaidi100").put("salt", "SALT-456").put("apiHost", "https://poll.example/");
    JsonObject config = keyed.put("http", new JsonObject().put("publicBaseUrl", "https://rp.example"));
    TrackingSettings settings = TrackingSettings.from(new AppConfig(Mode.PRODUCTION, config)).orElseThrow();
    assertThat(settings.callbackUrl()).isEqualTo("https://rp.example/track/kuaidi100");
    assertThat(settings.apiHost()).isEqualTo("https://poll.example");
    assertThat(settings.toString()).doesNotContain("KEY-123").doesNotContain("SALT-456");
  }
}
