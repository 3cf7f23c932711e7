package cn.reportpost.db;

import cn.reportpost.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL: schema migrations (Flyway over JDBC, once at start) and the one reactive pool. */
public final class Database {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private Database() {}

  public static PgConnectOptions connectOptions(AppConfig config) {
    return new PgConnectOptions()
        .setHost(config.string("postgres.host"))
        .setPort(config.integer("postgres.port"))
        .setDatabase(config.string("postgres.database"))
        .setUser(config.string("postgres.user"))
        .setPassword(config.string("postgres.password"))
        .setSslMode(config.bool("postgres.ssl") ? SslMode.REQUIRE : SslMode.DISABLE)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(config.integer("postgres.preparedStatementCacheMaxSize"))
        .setPipeliningLimit(256);
  }

  /** Blocking: run from the launcher thread before anything serves requests. */
  public static void migrate(AppConfig config) {
    PgConnectOptions o = connectOptions(config);
    String url = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase()
        + (config.bool("postgres.ssl") ? "?sslmode=require" : "");
    MigrateResult result = Flyway.configure()
        .dataSource(url, o.getUser(), o.getPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    log.info("database schema at version {} ({} migration(s) applied now)",
        result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
        result.migrationsExecuted);
  }

  public static Pool pool(Vertx vertx, AppConfig config) {
    PoolOptions poolOptions = new PoolOptions()
        .setMaxSize(config.integer("postgres.maxPoolSize"))
        .setName("postgres")
        .setMaxWaitQueueSize(2048)
        .setConnectionTimeout(5)
        .setShared(false);
    return PgBuilder.pool().with(poolOptions).connectingTo(connectOptions(config)).using(vertx).build();
  }
}
