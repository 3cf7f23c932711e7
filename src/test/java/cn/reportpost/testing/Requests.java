package cn.reportpost.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Every request a drill made, with its answer and how long it took: the drill's figures come from here. */
public final class Requests {

  /** One request: {@code status} 0 when no HTTP answer came at all (the connection failed). */
  public record Answer(String what, int instance, long startedMillis, long millis, int status, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final long start = System.currentTimeMillis();
  private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

  /** Makes the request, records it, and answers it (status 0 and the error for a failed connection). */
  public Answer call(String what, int instance, Supplier<TestHttp.Response> request) {
    long t0 = System.currentTimeMillis();
    Answer answer;
    try {
      TestHttp.Response r = request.get();
      answer = new Answer(what, instance, t0, System.currentTimeMillis() - t0, r.status(), r.body());
    } catch (RuntimeException e) {
      answer = new Answer(what, instance, t0, System.currentTimeMillis() - t0, 0, e.toString());
    }
    answers.add(answer);
    return answer;
  }

  /** Milliseconds since this log began. */
  public long elapsed() {
    return System.currentTimeMillis() - start;
  }

  public long start() {
    return start;
  }

  public List<Answer> all() {
    return new ArrayList<>(answers);
  }

  public List<Answer> where(Predicate<Answer> filter) {
    return answers.stream().filter(filter).toList();
  }

  /** Per kind of request and instance: how many got which status, and the slowest, e.g. "create@1 201×40 503×3 max 812 ms". */
  public String summary(Predicate<Answer> filter) {
    Map<String, List<Answer>> byKind = answers.stream().filter(filter)
        .collect(Collectors.groupingBy(a -> a.what() + "@" + a.instance(), TreeMap::new, Collectors.toList()));
    StringBuilder out = new StringBuilder();
    byKind.forEach((kind, list) -> {
      Map<Integer, Long> statuses = list.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
      out.append(kind).append(' ');
      statuses.forEach((status, n) -> out.append(status).append('×').append(n).append(' '));
      out.append("max ").append(list.stream().mapToLong(Answer::millis).max().orElse(0)).append(" ms; ");
    });
    return out.toString().strip();
  }
}
