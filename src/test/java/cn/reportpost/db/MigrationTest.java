package cn.reportpost.db;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.Mode;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ReportPostExtension.class)
class MigrationTest {

  @Test
  void migratesAnEmptyDatabaseToTheCurrentSchemaAndASecondRunChangesNothing(TestApp app) throws Exception {
    Pool admin = app.app().services().pool();
    String name = "migration_" + System.nanoTime();
    admin.query("CREATE DATABASE " + name).execute().await(10, TimeUnit.SECONDS);
    AppConfig config = new AppConfig(Mode.TEST, new JsonObject().put("postgres", new JsonObject()
        .put("host", "127.0.0.1").put("port", app.embedded().postgresPort()).put("database", name)
        .put("user", "postgres").put("password", "").put("ssl", false).put("maxPoolSize", 2)
        .put("preparedStatementCacheMaxSize", 16).put("queryTimeoutMillis", 5000).put("poolWaitMillis", 3000)));
    Database.migrate(config);
    Database.migrate(config);
    Pool fresh = Database.pool(app.app().services().vertx(), config);
    try {
      List<String> versions = new ArrayList<>();
      fresh.query("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank").execute()
          .await(5, TimeUnit.SECONDS).forEach(r -> versions.add(r.getString(0)));
      assertThat(versions).startsWith("1", "2", "3");
      Row counts = fresh.query("SELECT (SELECT count(*) FROM city) AS cities, (SELECT count(*) FROM site) AS sites")
          .execute().await(5, TimeUnit.SECONDS).iterator().next();
      assertThat(counts.getLong("cities")).isEqualTo(11);
      assertThat(counts.getLong("sites")).isZero();
    } finally {
      fresh.close().await(5, TimeUnit.SECONDS);
      admin.query("DROP DATABASE " + name + " WITH (FORCE)").execute().await(10, TimeUnit.SECONDS);
    }
  }
}
