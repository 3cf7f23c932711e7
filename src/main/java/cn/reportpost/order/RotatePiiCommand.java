package cn.reportpost.order;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;
import cn.reportpost.config.Mode;
import cn.reportpost.db.Database;
import cn.reportpost.privacy.PersonalData;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code reportpost rotate-pii}: re-seals every order's personal fields under the current key
 * (PII_KEY_ID / PII_KEY), reading old values with the keys in PII_OLD_KEYS, batch by batch while
 * the service keeps running, and reports its progress. Interrupted, it resumes where it stopped.
 * Once it reports nothing left, the old key can be removed from PII_OLD_KEYS.
 */
public final class RotatePiiCommand {

  private static final int BATCH = 500;
  /** How long to wait for rows other instances hold before reporting them as left. */
  private static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private RotatePiiCommand() {}

  /** 0: every order is under the current key; 1: some orders could not be opened; 2: a key is missing. */
  public static int run(Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AppConfig config = AppConfig.load(vertx, Mode.PRODUCTION, env).await(30, TimeUnit.SECONDS);
      PersonalData personal = config.personalData();
      Database.migrate(config);
      Pool pool = Database.pool(vertx, config);
      try {
        PersonalDataReseal reseal = new PersonalDataReseal(vertx, new PersonalDataRepository(pool, pool), personal, BATCH);
        try {
          reseal.verifyKeys().await(60, TimeUnit.SECONDS);
        } catch (InvalidSettingException e) {
          err.println("rotate-pii: " + e.getMessage());
          return 2;
        }
        long total = reseal.remaining().await(60, TimeUnit.SECONDS);
        out.printf("rotate-pii: %d order(s) to re-seal under key %s%n", total, personal.currentKeyId());
        long done = 0;
        long t0 = System.nanoTime();
        long idleSince = 0;
        long left;
        while (true) {
          int n = reseal.pass().await(120, TimeUnit.SECONDS);
          if (n > 0) {
            done += n;
            idleSince = 0;
            out.printf("rotate-pii: %d re-sealed, about %d left%n", done, Math.max(0, total - done));
            continue;
          }
          // Nothing claimable: done, or the rest is in a batch a running instance holds right now.
          left = reseal.remaining().await(60, TimeUnit.SECONDS);
          idleSince = idleSince == 0 ? System.nanoTime() : idleSince;
          if (left <= reseal.unreadable() || System.nanoTime() - idleSince > IDLE_LIMIT_NANOS) {
            break;
          }
          Thread.sleep(500);
        }
        out.printf("rotate-pii: done in %d ms: %d re-sealed, %d left%n", (System.nanoTime() - t0) / 1_000_000, done,
            left);
        if (left > 0) {
          err.println("rotate-pii: " + left + " order(s) left: " + reseal.unreadable() + " hold a value that does not"
              + " open (see the log), the rest stayed locked by another instance; keep the old keys and run it again");
          return 1;
        }
        return 0;
      } finally {
        pool.close();
      }
    } finally {
      vertx.close();
    }
  }
}
