package cn.reportpost.sla;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The limit of each stage, from ops.sla.* (hours). */
record SlaLimits(Map<Stage, Duration> limits) {

  static SlaLimits from(AppConfig config) {
    Map<Stage, Duration> limits = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      int hours = config.integer("ops.sla." + stage.setting);
      if (hours < 1) {
        throw new InvalidSettingException("ops.sla." + stage.setting + " must be at least 1 hour");
      }
      limits.put(stage, Duration.ofHours(hours));
    }
    return new SlaLimits(limits);
  }

  Duration of(Stage stage) {
    return limits.get(stage);
  }
}
