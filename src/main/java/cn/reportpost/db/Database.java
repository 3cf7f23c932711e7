package cn.reportpost.db;

import cn.reportpost.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** PostgreSQL: schema migrations (Flyway over JDBC, once at start) and the one reactive pool. */
public final class Database {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private Database() {}

  /**
   * Where and how to connect. PostgreSQL itself cancels a statement that runs longer than the
   * query timeout (a lock waited on, a runaway query) and ends a transaction left idle that long,
   * answering SQLSTATE 57014 or 25P03, which the error handler answers 503.
   */
  public static PgConnectOptions connectOptions(AppConfig config) {
    String queryTimeout = Integer.toString(config.integer("postgres.queryTimeoutMillis"));
    return new PgConnectOptions()
        .setHost(config.string("postgres.host"))
        .setPort(config.integer("postgres.port"))
        .setDatabase(config.string("postgres.database"))
        .setUser(config.string("postgres.user"))
        .setPassword(config.string("postgres.password"))
        .setSslMode(config.bool("postgres.ssl") ? SslMode.REQUIRE : SslMode.DISABLE)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(config.integer("postgres.preparedStatementCacheMaxSize"))
        .setPipeliningLimit(256)
        .addProperty("statement_timeout", queryTimeout)
        .addProperty("idle_in_transaction_session_timeout", queryTimeout);
  }

  /**
   * How long a statement or transaction may go unanswered before it is given up on: PostgreSQL's
   * own statement timeout, and a second for the answer to arrive. (The PostgreSQL client of Vert.x
   * 5.0 ignores transport options, so a socket timeout cannot do this.)
   */
  private static long deadlineMillis(AppConfig config) {
    return config.integer("postgres.queryTimeoutMillis") + 1000L;
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

  /**
   * A pooled client that pipelines: several single-statement reads share a connection's round
   * trips and one backend, which on a busy chatbot costs PostgreSQL and this process less than a
   * connection per read (measured: "查询" 8.9k/s with the pool, 12.7k/s with this). Never for
   * transactions, which need the {@link #pool}.
   */
  public static SqlClient reads(Vertx vertx, AppConfig config) {
    SqlClient client = PgBuilder.client().with(poolOptions("postgres-reads", config.integer("postgres.readPoolSize"), config))
        .connectingTo(connectOptions(config)).using(vertx).build();
    return new BoundedClient(client, deadlineMillis(config));
  }

  public static Pool pool(Vertx vertx, AppConfig config) {
    Pool pool = PgBuilder.pool().with(poolOptions("postgres", config.integer("postgres.maxPoolSize"), config))
        .connectingTo(connectOptions(config)).using(vertx).build();
    return new BoundedPool(pool, deadlineMillis(config));
  }

  /** Named for the metrics; a bounded wait for a free connection, and a bounded queue of waiters. */
  private static PoolOptions poolOptions(String name, int size, AppConfig config) {
    return new PoolOptions().setMaxSize(size).setName(name).setMaxWaitQueueSize(2048)
        .setConnectionTimeout(config.integer("postgres.poolWaitMillis")).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        .setShared(false);
  }
}
