package cn.reportpost.config;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The documented environment variables and the setting each overrides. A variable may also be
 * given as NAME_FILE, the path of a file holding the value (how container secrets arrive).
 */
final class EnvOverrides {

  enum Type { STRING, INT, BOOL }

  record Override(String env, String path, Type type) {}

  static final List<Override> ALL = List.of(
      new Override("HTTP_PORT", "http.port", Type.INT),
      new Override("HTTP_HOST", "http.host", Type.STRING),
      new Override("PUBLIC_BASE_URL", "http.publicBaseUrl", Type.STRING),
      new Override("HTTP_MAX_BODY_BYTES", "http.maxBodyBytes", Type.INT),
      new Override("HTTP_INSTANCES", "http.instances", Type.INT),
      new Override("SHUTDOWN_GRACE_SECONDS", "http.shutdownGraceSeconds", Type.INT),
      new Override("SHUTDOWN_DRAIN_DELAY_SECONDS", "http.drainDelaySeconds", Type.INT),
      new Override("HTTP_FORWARD_HEADERS", "http.forwardHeaders", Type.STRING),
      new Override("MANAGEMENT_PORT", "http.managementPort", Type.INT),
      new Override("PG_HOST", "postgres.host", Type.STRING),
      new Override("PG_PORT", "postgres.port", Type.INT),
      new Override("PG_DATABASE", "postgres.database", Type.STRING),
      new Override("PG_USER", "postgres.user", Type.STRING),
      new Override("PG_PASSWORD", "postgres.password", Type.STRING),
      new Override("PG_POOL_SIZE", "postgres.maxPoolSize", Type.INT),
      new Override("PG_READ_POOL_SIZE", "postgres.readPoolSize", Type.INT),
      new Override("PG_SSL", "postgres.ssl", Type.BOOL),
      new Override("PG_POOL_WAIT_MILLIS", "postgres.poolWaitMillis", Type.INT),
      new Override("PG_QUERY_TIMEOUT_MILLIS", "postgres.queryTimeoutMillis", Type.INT),
      new Override("REDIS_URI", "redis.uri", Type.STRING),
      new Override("REDIS_TIMEOUT_MILLIS", "redis.commandTimeoutMillis", Type.INT),
      new Override("CATALOG_CACHE_SECONDS", "catalog.cacheSeconds", Type.INT),
      new Override("DATA_DIR", "dataDir", Type.STRING),
      new Override("PII_KEY", "secrets.piiKey", Type.STRING),
      new Override("PII_KEY_ID", "secrets.piiKeyId", Type.STRING),
      new Override("PII_OLD_KEYS", "secrets.piiOldKeys", Type.STRING),
      new Override("HASH_KEY", "secrets.hashKey", Type.STRING),
      new Override("WX_MP_APP_ID", "wechat.mp.appId", Type.STRING),
      new Override("WX_MP_SECRET", "wechat.mp.secret", Type.STRING),
      new Override("WX_MP_TOKEN", "wechat.mp.token", Type.STRING),
      new Override("WX_MP_AES_KEY", "wechat.mp.aesKey", Type.STRING),
      new Override("WX_MP_CALLBACK_WINDOW_SECONDS", "wechat.mp.callbackWindowSeconds", Type.INT),
      new Override("WX_MP_API_HOST", "wechat.mp.apiHost", Type.STRING),
      new Override("WX_MP_OPEN_HOST", "wechat.mp.openHost", Type.STRING),
      new Override("WX_MP_MP_HOST", "wechat.mp.mpHost", Type.STRING),
      new Override("WX_MP_STATUS_TEMPLATE_ID", "wechat.mp.statusTemplateId", Type.STRING),
      new Override("WX_MP_COURIER_TEMPLATE_ID", "wechat.mp.courierTemplateId", Type.STRING),
      new Override("WX_MP_JSSDK_URL", "wechat.mp.jssdkUrl", Type.STRING),
      new Override("WX_MA_APP_ID", "wechat.ma.appId", Type.STRING),
      new Override("WX_MA_SECRET", "wechat.ma.secret", Type.STRING),
      new Override("WX_MA_API_HOST", "wechat.ma.apiHost", Type.STRING),
      new Override("WX_MA_STATUS_TEMPLATE_ID", "wechat.ma.statusTemplateId", Type.STRING),
      new Override("WX_MA_ORDER_PAGE", "wechat.ma.orderPage", Type.STRING),
      new Override("WX_MA_MESSAGE_STATE", "wechat.ma.messageState", Type.STRING),
      new Override("WX_MA_POSTER_PAGE", "wechat.ma.posterPage", Type.STRING),
      new Override("WX_MA_POSTER_ENV_VERSION", "wechat.ma.posterEnvVersion", Type.STRING),
      new Override("WX_PAY_MCH_ID", "wechat.pay.mchId", Type.STRING),
      new Override("WX_PAY_PRIVATE_KEY_FILE", "wechat.pay.privateKeyFile", Type.STRING),
      new Override("WX_PAY_CERT_SERIAL", "wechat.pay.certSerial", Type.STRING),
      new Override("WX_PAY_API_V3_KEY", "wechat.pay.apiV3Key", Type.STRING),
      new Override("WX_PAY_PUBLIC_KEY_FILE", "wechat.pay.publicKeyFile", Type.STRING),
      new Override("WX_PAY_PUBLIC_KEY_ID", "wechat.pay.publicKeyId", Type.STRING),
      new Override("WX_PAY_API_HOST", "wechat.pay.apiHost", Type.STRING),
      new Override("WX_PAY_NOTIFY_URL", "wechat.pay.notifyUrl", Type.STRING),
      new Override("WX_PAY_REFUND_NOTIFY_URL", "wechat.pay.refundNotifyUrl", Type.STRING),
      new Override("WX_WORKER_POOL_SIZE", "wechat.http.workerPoolSize", Type.INT),
      new Override("WX_CONNECT_TIMEOUT_MILLIS", "wechat.http.connectTimeoutMillis", Type.INT),
      new Override("WX_READ_TIMEOUT_MILLIS", "wechat.http.readTimeoutMillis", Type.INT),
      new Override("WX_MAX_WAITING_CALLS", "wechat.http.maxWaitingCalls", Type.INT),
      new Override("WX_QUEUE_TIMEOUT_MILLIS", "wechat.http.queueTimeoutMillis", Type.INT),
      new Override("OPS_BOARD_FOLD_SECONDS", "ops.board.foldSeconds", Type.INT),
      new Override("SLA_PAID_TO_READY_HOURS", "ops.sla.paidToReadyHours", Type.INT),
      new Override("SLA_READY_TO_HANDED_OVER_HOURS", "ops.sla.readyToHandedOverHours", Type.INT),
      new Override("SLA_HANDED_OVER_TO_POSTED_HOURS", "ops.sla.handedOverToPostedHours", Type.INT),
      new Override("SLA_POSTED_TO_DELIVERED_HOURS", "ops.sla.postedToDeliveredHours", Type.INT),
      new Override("SLA_REFUNDING_HOURS", "ops.sla.refundingHours", Type.INT),
      new Override("SLA_AFTERSALES_UNANSWERED_HOURS", "ops.sla.aftersalesUnansweredHours", Type.INT),
      new Override("SLA_CHECK_SECONDS", "ops.sla.checkSeconds", Type.INT),
      new Override("SLA_WEBHOOK_URL", "ops.sla.webhookUrl", Type.STRING),
      new Override("REPORT_CUTOFF", "ops.report.cutoff", Type.STRING),
      new Override("REPORT_WORKERS", "ops.report.workers", Type.INT),
      new Override("TRACKING_KUAIDI100_KEY", "tracking.kuaidi100.key", Type.STRING),
      new Override("TRACKING_KUAIDI100_SALT", "tracking.kuaidi100.salt", Type.STRING),
      new Override("TRACKING_KUAIDI100_API_HOST", "tracking.kuaidi100.apiHost", Type.STRING),
      new Override("TRACKING_KUAIDI100_CALLBACK_URL", "tracking.kuaidi100.callbackUrl", Type.STRING),
      new Override("ORDER_UNPAID_CLOSE_MINUTES", "orders.unpaidCloseMinutes", Type.INT),
      new Override("ORDER_SAMPLE_MAX_AGE_DAYS", "orders.sampleMaxAgeDays", Type.INT),
      new Override("ORDER_RECONCILE_AFTER_SECONDS", "orders.reconcileAfterSeconds", Type.INT),
      new Override("PRIVACY_RETENTION_DAYS", "privacy.retentionDays", Type.INT),
      new Override("PRIVACY_RESEAL_INTERVAL_SECONDS", "privacy.resealIntervalSeconds", Type.INT),
      new Override("JOB_INTERVAL_SECONDS", "orders.jobIntervalSeconds", Type.INT),
      new Override("REFUND_STUCK_AFTER_HOURS", "orders.refundStuckAfterHours", Type.INT),
      new Override("ORDER_RATE_PER_RESIDENT", "orders.ratePerResidentPerMinute", Type.INT),
      new Override("ORDER_RATE_PER_IP", "orders.ratePerIpPerMinute", Type.INT),
      new Override("OAUTH_START_RATE_PER_IP", "residents.oauthStartsPerIpPerMinute", Type.INT),
      new Override("SANDBOX_PORT", "dev.sandboxPort", Type.INT),
      new Override("DEV_SANDBOX_SAFE_MODE", "dev.sandbox.safeMode", Type.BOOL));

  private EnvOverrides() {}

  /** Applies every variable present in {@code env} to {@code config}, in place. */
  static void apply(JsonObject config, Map<String, String> env) {
    for (Override o : ALL) {
      String raw = valueOf(o.env(), env);
      // A number or switch set to nothing (MANAGEMENT_PORT= in a compose file) is left as configured.
      if (raw == null || (o.type() != Type.STRING && raw.isBlank())) {
        continue;
      }
      Object value;
      try {
        value = switch (o.type()) {
          case STRING -> raw;
          case INT -> Integer.parseInt(raw.trim());
          case BOOL -> parseBool(o.env(), raw.trim());
        };
      } catch (NumberFormatException e) {
        throw new InvalidSettingException(o.env() + " must be a whole number, got '" + raw + "'");
      }
      put(config, o.path(), value);
    }
  }

  static String envNameOf(String path) {
    return ALL.stream().filter(o -> o.path().equals(path)).map(Override::env).findFirst().orElse(path);
  }

  private static String valueOf(String name, Map<String, String> env) {
    String direct = env.get(name);
    if (direct != null) {
      return direct;
    }
    String file = env.get(name + "_FILE");
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new InvalidSettingException(name + "_FILE names " + file + ", which cannot be read: " + e.getMessage());
    }
  }

  private static boolean parseBool(String name, String raw) {
    return switch (raw.toLowerCase()) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new InvalidSettingException(name + " must be true or false, got '" + raw + "'");
    };
  }

  static void put(JsonObject root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject next = node.getJsonObject(parts[i]);
      if (next == null) {
        next = new JsonObject();
        node.put(parts[i], next);
      }
      node = next;
    }
    node.put(parts[parts.length - 1], value);
  }
}
