package cn.reportpost.chat;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Every SQL statement about the chatbot's keyword rules. */
public final class ChatRepository {

  private static final String COLUMNS = "id, keyword, match, priority, reply, enabled";

  private final Pool pool;

  public ChatRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<KeywordRule>> rules() {
    return pool.query("SELECT " + COLUMNS + " FROM chat_rule ORDER BY priority DESC, id").execute().map(rows -> {
      List<KeywordRule> rules = new ArrayList<>();
      rows.forEach(r -> rules.add(rule(r)));
      return rules;
    });
  }

  public Future<KeywordRule> add(KeywordRule rule, String createdBy) {
    return pool.preparedQuery("INSERT INTO chat_rule (keyword, match, priority, reply, enabled, created_by)"
            + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
        .execute(Tuple.of(rule.keyword(), rule.match().name(), rule.priority(), rule.reply(), rule.enabled(), createdBy))
        .map(rows -> rule(rows.iterator().next()));
  }

  /** True when a rule was deleted. */
  public Future<Boolean> delete(long id) {
    return pool.preparedQuery("DELETE FROM chat_rule WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 1);
  }

  private static KeywordRule rule(Row r) {
    return new KeywordRule(r.getLong("id"), r.getString("keyword"), KeywordRule.Match.valueOf(r.getString("match")),
        r.getInteger("priority"), r.getString("reply"), r.getBoolean("enabled"));
  }
}
