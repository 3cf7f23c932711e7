package cn.reportpost.dev;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Secrets that dev mode makes for itself, kept under the data folder: data encrypted at rest in
 * the embedded database must still be readable after a restart.
 */
public final class DevSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final JsonObject values;

  private DevSecrets(Path file, JsonObject values) {
    this.file = file;
    this.values = values;
  }

  public static DevSecrets open(Path dataDir) {
    Path file = dataDir.resolve("dev-secrets.json");
    try {
      JsonObject values = Files.exists(file)
          ? new JsonObject(Files.readString(file, StandardCharsets.UTF_8)) : new JsonObject();
      return new DevSecrets(file, values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stored value of {@code name}, made by {@code generator} and saved the first time. */
  public synchronized String get(String name, Supplier<String> generator) {
    String value = values.getString(name);
    if (value == null) {
      value = generator.get();
      values.put(name, value);
      save();
    }
    return value;
  }

  public static String randomKey(int bytes) {
    byte[] key = new byte[bytes];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, values.encodePrettily(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
