package cn.reportpost.tracking;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;

import java.util.Optional;

/**
 * The Kuaidi100 account carrier tracking uses: present only when a key is configured (tracking is
 * optional; without it couriers post every stage themselves).
 *
 * @param salt        what every push is signed with; each subscription keeps the salt it was made with
 * @param apiHost     where subscriptions go ({@code apiHost/poll}), without a trailing slash
 * @param callbackUrl where Kuaidi100 pushes the scans: our {@code /track/kuaidi100}
 */
public record TrackingSettings(String key, String salt, String apiHost, String callbackUrl) {

  public static Optional<TrackingSettings> from(AppConfig config) {
    String key = config.string("tracking.kuaidi100.key");
    if (key.isBlank()) {
      return Optional.empty();
    }
    String salt = config.string("tracking.kuaidi100.salt");
    if (salt.isBlank()) {
      throw new InvalidSettingException("TRACKING_KUAIDI100_KEY is set without TRACKING_KUAIDI100_SALT: pushes would be unsigned");
    }
    String callback = config.string("tracking.kuaidi100.callbackUrl");
    if (callback.isBlank()) {
      callback = config.string("http.publicBaseUrl") + TrackingRoutes.PUSH_PATH;
    }
    return Optional.of(new TrackingSettings(key, salt, config.string("tracking.kuaidi100.apiHost").replaceAll("/+$", ""),
        callback));
  }

  /** The key and the salt must not show up in a log line. */
  @Override
  public String toString() {
    return "TrackingSettings[apiHost=" + apiHost + ", callbackUrl=" + callbackUrl + "]";
  }
}
