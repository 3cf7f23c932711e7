package cn.reportpost.testing;

import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks after every test that no mini-program session_key WeChat (the sandbox) has handed out so
 * far appears in any answer of the product during the test (headers or body) or in any log line
 * written since the last check: over the whole run, every response and every log line is looked at.
 */
public final class SecretLeaks {

  private static final ConcurrentLinkedQueue<String> ANSWERS = new ConcurrentLinkedQueue<>();

  private SecretLeaks() {}

  static void answered(String headers, String body) {
    ANSWERS.add(headers);
    if (body != null) {
      ANSWERS.add(body);
    }
  }

  static void check(Sandbox sandbox) {
    List<String> answers = new ArrayList<>();
    for (String a = ANSWERS.poll(); a != null; a = ANSWERS.poll()) {
      answers.add(a);
    }
    List<String> lines = LogLines.drainUnchecked();
    JsonArray keys = sandbox.http().get("/sandbox/miniapp/session-keys").jsonArray();
    for (Object key : keys) {
      String secret = (String) key;
      assertThat(answers).as("answers of the product during this test, against session_key %s", secret)
          .noneMatch(a -> a.contains(secret));
      assertThat(lines).as("log lines written during this test, against session_key %s", secret)
          .noneMatch(l -> l.contains(secret));
    }
  }
}
