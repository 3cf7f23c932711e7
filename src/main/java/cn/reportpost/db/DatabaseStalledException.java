package cn.reportpost.db;

/** PostgreSQL gave no answer within the deadline: the server or the network to it has stalled. */
public final class DatabaseStalledException extends RuntimeException {

  DatabaseStalledException(long millis) {
    super("PostgreSQL gave no answer within " + millis + " ms", null, false, false);
  }
}
