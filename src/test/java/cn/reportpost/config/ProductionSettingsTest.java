package cn.reportpost.config;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Production refuses to start without its secrets, with one line naming each missing setting. */
class ProductionSettingsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aMissingSecretIsNamedByItsEnvironmentVariable() throws Exception {
    AppConfig config = AppConfig.load(vertx, Mode.PRODUCTION, Map.of("WX_MP_APP_ID", "wx123")).await(10, TimeUnit.SECONDS);
    assertThatThrownBy(config::requireProductionSettings)
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("PII_KEY").hasMessageContaining("WX_PAY_API_V3_KEY").hasMessageContaining("PG_PASSWORD")
        .hasMessageNotContaining("WX_MP_APP_ID,")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void everyRequiredSettingGivenLetsItStartAndFileVariablesAreRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path secret = dir.resolve("secret");
    java.nio.file.Files.writeString(secret, "from-a-file\n");
    Map<String, String> env = new java.util.HashMap<>(Map.of("PUBLIC_BASE_URL", "https://rp.example", "PG_PASSWORD", "p",
        "PII_KEY", "k", "HASH_KEY", "h", "WX_MP_APP_ID", "wx1", "WX_MP_TOKEN", "t", "WX_MP_STATUS_TEMPLATE_ID", "tpl",
        "WX_PAY_MCH_ID", "19", "WX_PAY_PRIVATE_KEY_FILE", "/k.pem", "WX_PAY_CERT_SERIAL", "s"));
    env.putAll(Map.of("WX_PAY_API_V3_KEY", "v3", "WX_PAY_PUBLIC_KEY_FILE", "/p.pem", "WX_PAY_PUBLIC_KEY_ID", "PUB_KEY_ID_1",
        "WX_MP_SECRET_FILE", secret.toString(), "HTTP_PORT", "9090"));
    AppConfig config = AppConfig.load(vertx, Mode.PRODUCTION, env).await(10, TimeUnit.SECONDS);
    config.requireProductionSettings();
    assertThat(config.string("wechat.mp.secret")).isEqualTo("from-a-file");
    assertThat(config.integer("http.port")).isEqualTo(9090);
  }

  @Test
  void aMiniProgramIsOptionalButOnceNamedNeedsItsSecret() throws Exception {
    AppConfig without = AppConfig.load(vertx, Mode.PRODUCTION, Map.of()).await(10, TimeUnit.SECONDS);
    assertThatThrownBy(without::requireProductionSettings).hasMessageNotContaining("WX_MA_");
    AppConfig named = AppConfig.load(vertx, Mode.PRODUCTION, Map.of("WX_MA_APP_ID", "wxma1")).await(10, TimeUnit.SECONDS);
    assertThatThrownBy(named::requireProductionSettings).hasMessageContaining("WX_MA_SECRET")
        .hasMessageNotContaining("WX_MA_APP_ID");
  }

  @Test
  void carrierTrackingIsOptionalButOnceGivenAKeyNeedsItsSalt() throws Exception {
    AppConfig without = AppConfig.load(vertx, Mode.PRODUCTION, Map.of()).await(10, TimeUnit.SECONDS);
    assertThatThrownBy(without::requireProductionSettings).hasMessageNotContaining("TRACKING_");
    AppConfig keyed = AppConfig.load(vertx, Mode.PRODUCTION, Map.of("TRACKING_KUAIDI100_KEY", "k100")).await(10, TimeUnit.SECONDS);
    assertThatThrownBy(keyed::requireProductionSettings).hasMessageContaining("TRACKING_KUAIDI100_SALT")
        .hasMessageNotContaining("TRACKING_KUAIDI100_KEY");
  }

  @Test
  void aMalformedNumberIsAClearError() {
    assertThatThrownBy(() -> AppConfig.load(vertx, Mode.PRODUCTION, Map.of("HTTP_PORT", "eighty")).await(10, TimeUnit.SECONDS))
        .hasMessageContaining("HTTP_PORT must be a whole number");
  }
}
