package cn.reportpost.jobs;

import io.vertx.core.Future;

/** A background job the {@link JobRunner} runs on an interval: one pass claims its work with a lease and does it. */
public interface Job {

  /** The job's name in logs and metrics. */
  String name();

  /** One pass; answers how many items it worked on. */
  Future<Integer> runOnce();
}
