package cn.reportpost.staff;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.Mode;
import cn.reportpost.db.Database;
import cn.reportpost.api.FieldError;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code reportpost create-admin}: the first ADMIN of a production install. Asks for the username
 * and password on the terminal (the password unechoed), or reads ADMIN_USERNAME and
 * ADMIN_PASSWORD (or ADMIN_PASSWORD_FILE) for unattended installs.
 */
public final class CreateAdminCommand {

  private CreateAdminCommand() {}

  public static int run(Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
    String username = env.get("ADMIN_USERNAME");
    String password = env.get("ADMIN_PASSWORD");
    if (password == null && env.get("ADMIN_PASSWORD_FILE") != null) {
      password = java.nio.file.Files.readString(java.nio.file.Path.of(env.get("ADMIN_PASSWORD_FILE"))).strip();
    }
    Console console = System.console();
    if (username == null) {
      username = console != null ? console.readLine("admin username: ") : readLine("admin username: ", out);
    }
    if (password == null) {
      if (console == null) {
        err.println("create-admin: no terminal to ask for the password; set ADMIN_PASSWORD or ADMIN_PASSWORD_FILE");
        return 64;
      }
      password = new String(console.readPassword("password (at least %d characters): ", NewStaffUser.MIN_PASSWORD));
    }
    List<FieldError> errors = new ArrayList<>();
    if (username == null || !username.strip().toLowerCase().matches("[a-z0-9_.-]{3,32}")) {
      errors.add(new FieldError("username", "must be 3–32 lower-case letters, digits or . _ -"));
    }
    NewStaffUser.checkPassword(password, errors);
    if (!errors.isEmpty()) {
      errors.forEach(e -> err.println("create-admin: " + e.field() + " " + e.message()));
      return 65;
    }
    String name = username.strip().toLowerCase();
    Vertx vertx = Vertx.vertx();
    try {
      AppConfig config = AppConfig.load(vertx, Mode.PRODUCTION, env).await(30, TimeUnit.SECONDS);
      Database.migrate(config);
      Pool pool = Database.pool(vertx, config);
      try {
        String hash = new PasswordHasher().hash(password);
        boolean created = new StaffRepository(pool).createIfAbsent(name, hash, "ADMIN", null, List.of())
            .await(30, TimeUnit.SECONDS);
        if (!created) {
          err.println("create-admin: username " + name + " is taken; nothing changed");
          return 1;
        }
        out.println("created ADMIN " + name);
        return 0;
      } finally {
        pool.close();
      }
    } finally {
      vertx.close();
    }
  }

  private static String readLine(String prompt, PrintStream out) throws IOException {
    out.print(prompt);
    return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
  }
}
