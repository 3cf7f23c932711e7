package cn.reportpost.chat;

import cn.reportpost.redis.Redis;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * One signed (timestamp, nonce) pair stands for one request, across instances (Redis). In plain
 * mode the signature does not cover the body, so a pair seen once would otherwise carry a forged
 * body, sent as any resident, for as long as its timestamp is fresh.
 *
 * <p>The pair is bound to a digest of the body it first came with. WeChat does not document
 * whether its retries of an unanswered callback are signed afresh or resent as they were, so both
 * must work: a resend of the same body under the same pair is a retry and is handled as one (the
 * dedup of order answers below recognises it), while another body under a seen pair is refused.
 *
 * <p>Messages whose answer reads orders are also recognised here, in the same round trip, so a
 * retry is answered once; that mark lives at least as long as the pair's, so a resent pair never
 * gets an order answer twice.
 */
final class ReplayGuard {

  /** What a callback is, as far as Redis has seen. */
  enum Admission { FIRST, DUPLICATE, REPLAYED }

  private static final Logger log = LoggerFactory.getLogger(ReplayGuard.class);
  /** WeChat retries within about 15 s; a minute covers every retry with room to spare. */
  private static final long DEDUP_MILLIS = 60_000;

  /**
   * KEYS[1] the signed pair, KEYS[2] (only for order answers) the message's dedup key; ARGV[1] the
   * body's digest, ARGV[2] how long the pair is kept, ARGV[3] how long the dedup mark is kept.
   */
  private static final String SCRIPT = """
      local seen = redis.call('GET', KEYS[1])
      if not seen then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      elseif seen ~= ARGV[1] then
        return 'REPLAYED'
      end
      if #KEYS == 2 and not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then
        return 'DUPLICATE'
      end
      return 'FIRST'""";

  private final Redis redis;
  private final Clock clock;
  private final long windowMillis;

  ReplayGuard(Redis redis, Clock clock, Duration window) {
    this.redis = redis;
    this.clock = clock;
    this.windowMillis = window.toMillis();
  }

  /**
   * Records the pair with the digest of its body and, when {@code dedupKey} is given (the answer
   * reads orders), whether this message was seen before. Without Redis, an answer that reveals
   * nothing (a fixed text, the URL check's echo) goes ahead, but an order answer fails: whether
   * the pair was used before cannot be told, and a resident's orders go out only when it can.
   */
  Future<Admission> admit(CallbackCodec.Signed signed, String bodyDigest, String dedupKey) {
    // Kept while the timestamp is inside the window, and one window more for instances whose
    // clocks differ from ours.
    long pairMillis = signed.epochSecond() * 1000 - clock.millis() + 2 * windowMillis;
    String[] keys = dedupKey == null
        ? new String[] {"mp:callback:signed:" + signed.timestamp() + ":" + signed.nonce()}
        : new String[] {"mp:callback:signed:" + signed.timestamp() + ":" + signed.nonce(), "mp:callback:" + dedupKey};
    return redis.<String>script(SCRIPT, ScriptOutputType.VALUE, keys, bodyDigest,
            Long.toString(Math.max(pairMillis, 1000)), Long.toString(Math.max(pairMillis, DEDUP_MILLIS)))
        .map(Admission::valueOf)
        .recover(e -> {
          if (dedupKey != null) {
            return Future.failedFuture(e);
          }
          log.warn("callback replay check unavailable, answering a reply that reveals nothing: {}", e.getMessage());
          return Future.succeededFuture(Admission.FIRST);
        });
  }
}
