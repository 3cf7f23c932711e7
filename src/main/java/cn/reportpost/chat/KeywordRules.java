package cn.reportpost.chat;

import cn.reportpost.db.ChangeListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

import java.util.List;

/**
 * ADMIN's keyword rules, held in process because every text message needs them. PostgreSQL tells
 * every instance when they change (LISTEN chat_rules_changed, fired by a trigger), so a new rule
 * applies at once everywhere.
 */
public final class KeywordRules {

  private final ChatRepository repository;
  private final ChangeListener listener;
  private volatile Future<List<KeywordRule>> cached;

  public KeywordRules(Vertx vertx, ChatRepository repository) {
    this.repository = repository;
    this.listener = new ChangeListener(vertx, "chat_rules_changed", this::invalidate);
  }

  /** The enabled rules in the order they apply; one load at a time however many messages wait. */
  public Future<List<KeywordRule>> current() {
    Future<List<KeywordRule>> c = cached;
    if (c == null || c.failed()) {
      c = repository.rules().map(all -> all.stream().filter(KeywordRule::enabled).sorted(KeywordRule.ORDER).toList());
      cached = c;
    }
    return c;
  }

  public void invalidate() {
    cached = null;
  }

  public Future<Void> listen(PgConnectOptions options) {
    return listener.listen(options);
  }

  public Future<Void> close() {
    return listener.close();
  }
}
