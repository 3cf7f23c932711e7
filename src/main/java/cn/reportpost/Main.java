package cn.reportpost;

import cn.reportpost.dev.DevBanner;
import cn.reportpost.catalog.CatalogRepository;
import cn.reportpost.catalog.SiteImport;
import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;
import cn.reportpost.config.Mode;
import cn.reportpost.db.Database;
import cn.reportpost.dev.Benchmark;
import cn.reportpost.order.RotatePiiCommand;
import cn.reportpost.staff.CreateAdminCommand;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Command line: no argument runs the server with production config; {@code dev} runs dev mode;
 * {@code import-sites FILE.csv} imports a site list into the configured database; {@code create-admin}
 * creates the first ADMIN account of an install; {@code rotate-pii} re-encrypts personal data under the current key.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    String command = args.length == 0 ? "serve" : args[0];
    try {
      switch (command) {
        case "serve" -> serve(Mode.PRODUCTION);
        case "dev" -> serve(Mode.DEV);
        case "import-sites" -> System.exit(importSites(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        case "create-admin" -> System.exit(CreateAdminCommand.run(System.getenv(), System.out, System.err));
        case "rotate-pii" -> System.exit(RotatePiiCommand.run(System.getenv(), System.out, System.err));
        case "bench" -> {
          Benchmark.run(Arrays.copyOfRange(args, 1, args.length));
          System.exit(0);
        }
        default -> {
          System.err.println("usage: reportpost [dev | import-sites FILE.csv | create-admin | rotate-pii | bench [ORDERS] | bench chat [MESSAGES] | bench queue | bench ops [ORDERS]]");
          System.exit(64);
        }
      }
    } catch (InvalidSettingException e) {
      System.err.println("reportpost: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void serve(Mode mode) throws Exception {
    long t0 = System.nanoTime();
    App app = App.start(mode, System.getenv(), null);
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
    if (mode == Mode.DEV) {
      DevBanner.placeDemoOrders(app);
      DevBanner.print(app, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  static int importSites(String[] args, Map<String, String> env) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: reportpost import-sites FILE.csv");
      return 64;
    }
    String csv;
    try {
      csv = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      System.err.println("import-sites: no such file " + args[0]);
      return 66;
    }
    Vertx vertx = Vertx.vertx();
    try {
      AppConfig config = AppConfig.load(vertx, Mode.PRODUCTION, env).await(30, TimeUnit.SECONDS);
      Database.migrate(config);
      Pool pool = Database.pool(vertx, config);
      long t0 = System.nanoTime();
      try {
        int count = new SiteImport(new CatalogRepository(pool)).run(csv).await(60, TimeUnit.SECONDS);
        System.out.printf("imported %d site(s) in %d ms%n", count, (System.nanoTime() - t0) / 1_000_000);
        return 0;
      } catch (SiteImport.RejectedException e) {
        e.errors().forEach(err -> System.err.println(args[0] + ": " + err));
        System.err.println("import-sites: " + e.getMessage());
        return 1;
      } finally {
        pool.close();
      }
    } finally {
      vertx.close();
    }
  }
}
