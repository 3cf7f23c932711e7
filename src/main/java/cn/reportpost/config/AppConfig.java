package cn.reportpost.config;

import cn.reportpost.privacy.PersonalData;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * All settings, read once at start: config/application.yaml, then config/dev.yaml in dev and
 * test mode, then an optional CONFIG_FILE, then the environment variables of {@link EnvOverrides}.
 * The files are looked up on disk first and in the jar second, so the jar runs anywhere.
 */
public final class AppConfig {

  /** Settings without which production must not start, by their path in the YAML. */
  private static final List<String> REQUIRED_IN_PRODUCTION = List.of(
      "http.publicBaseUrl", "postgres.password", "secrets.piiKey", "secrets.hashKey",
      "wechat.mp.appId", "wechat.mp.secret", "wechat.mp.token", "wechat.mp.statusTemplateId",
      "wechat.pay.mchId", "wechat.pay.privateKeyFile", "wechat.pay.certSerial", "wechat.pay.apiV3Key",
      "wechat.pay.publicKeyFile", "wechat.pay.publicKeyId");

  private final Mode mode;
  private final JsonObject json;

  public AppConfig(Mode mode, JsonObject json) {
    this.mode = mode;
    this.json = json;
  }

  public static Future<AppConfig> load(Vertx vertx, Mode mode, Map<String, String> env) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false).setScanPeriod(0);
    options.addStore(yaml("config/application.yaml", false));
    if (mode.embedded()) {
      options.addStore(yaml("config/dev.yaml", false));
    }
    String extra = env.get("CONFIG_FILE");
    if (extra != null && !extra.isBlank()) {
      options.addStore(yaml(extra, false));
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(() -> { retriever.close(); return Future.succeededFuture(); })
        .map(json -> {
          EnvOverrides.apply(json, env);
          return new AppConfig(mode, json);
        });
  }

  private static ConfigStoreOptions yaml(String path, boolean optional) {
    return new ConfigStoreOptions().setType("file").setFormat("yaml").setOptional(optional)
        .setConfig(new JsonObject().put("path", path));
  }

  /** Throws with one line naming every required setting that is absent, by its environment variable. */
  public void requireProductionSettings() {
    List<String> missing = new ArrayList<>();
    for (String path : REQUIRED_IN_PRODUCTION) {
      if (string(path).isBlank()) {
        missing.add(EnvOverrides.envNameOf(path));
      }
    }
    // A product may run without a mini-program; one that names its appid needs the secret too.
    if (!string("wechat.ma.appId").isBlank() && string("wechat.ma.secret").isBlank()) {
      missing.add(EnvOverrides.envNameOf("wechat.ma.secret"));
    }
    // Carrier tracking is optional too; with a key, pushes must be signed, or anyone could post scans.
    if (!string("tracking.kuaidi100.key").isBlank() && string("tracking.kuaidi100.salt").isBlank()) {
      missing.add(EnvOverrides.envNameOf("tracking.kuaidi100.salt"));
    }
    if (!missing.isEmpty()) {
      throw new InvalidSettingException("cannot start in production: missing required setting(s) "
          + String.join(", ", missing) + " (set each as an environment variable, or NAME_FILE naming a file)");
    }
  }

  /** A copy with {@code path} set to {@code value}; used by dev mode and tests to fill in what they start. */
  public AppConfig with(String path, Object value) {
    JsonObject copy = json.copy();
    EnvOverrides.put(copy, path, value);
    return new AppConfig(mode, copy);
  }

  public Mode mode() {
    return mode;
  }

  public JsonObject json() {
    return json;
  }

  public JsonObject section(String path) {
    Object node = lookup(path);
    return node instanceof JsonObject o ? o : new JsonObject();
  }

  public String string(String path) {
    Object node = lookup(path);
    return node == null ? "" : node.toString();
  }

  public int integer(String path) {
    Object node = lookup(path);
    if (node instanceof Number n) {
      return n.intValue();
    }
    throw new InvalidSettingException("setting " + path + " (" + EnvOverrides.envNameOf(path) + ") must be a number");
  }

  public boolean bool(String path) {
    return Boolean.TRUE.equals(lookup(path));
  }

  public Path dataDir() {
    return Path.of(string("dataDir"));
  }

  private Object lookup(String path) {
    Object node = json;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject o)) {
        return null;
      }
      node = o.getValue(part);
    }
    return node;
  }

  /** The personal-data keys (PII_KEY_ID, PII_KEY, PII_OLD_KEYS, HASH_KEY); an {@link InvalidSettingException} names the one that is wrong. */
  public PersonalData personalData() {
    try {
      return PersonalData.of(string("secrets.piiKeyId"), string("secrets.piiKey"), string("secrets.piiOldKeys"),
          string("secrets.hashKey"));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(e.getMessage());
    }
  }
}
