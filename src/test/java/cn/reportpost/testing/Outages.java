package cn.reportpost.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL or Redis out of reach for the length of a test step, and back afterwards whatever
 * happened: the embedded servers are shared by the whole test run.
 */
public final class Outages {

  /** A step run while a server is out of reach. */
  public interface Step {
    void run() throws Exception;
  }

  private Outages() {}

  /** Redis stopped, then started again and the app's connection back (Lettuce reconnects by itself). */
  public static void redisDown(TestApp app, Step step) throws Exception {
    app.embedded().stopRedis();
    try {
      step.run();
    } finally {
      app.embedded().startRedis();
      awaitHealthy(app);
    }
  }

  /** Every PostgreSQL process frozen (SIGSTOP), as a stalled server or network looks to a client; then thawed. */
  public static void postgresStalled(TestApp app, Step step) throws Exception {
    frozen(app, postgresProcesses(app), step);
  }

  /** The Redis process frozen (SIGSTOP): connected, but no answer comes. */
  public static void redisStalled(TestApp app, Step step) throws Exception {
    // The one embedded Redis of this run is a child of this JVM; its title no longer shows its arguments.
    List<ProcessHandle> processes = ProcessHandle.current().children()
        .filter(p -> p.info().command().orElse("").contains("redis-server"))
        .toList();
    assertThat(processes).as("the embedded redis-server process").isNotEmpty();
    frozen(app, processes, step);
  }

  private static void frozen(TestApp app, List<ProcessHandle> processes, Step step) throws Exception {
    signal("STOP", processes);
    try {
      step.run();
    } finally {
      signal("CONT", processes);
      awaitHealthy(app);
    }
  }

  /** The postmaster (first line of postmaster.pid) and every backend it started. */
  private static List<ProcessHandle> postgresProcesses(TestApp app) throws IOException {
    Path pidFile = app.dataDir().resolve("postgres").resolve("postmaster.pid");
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> all = new ArrayList<>();
    all.add(postmaster);
    postmaster.descendants().forEach(all::add);
    return all;
  }

  private static void signal(String signal, List<ProcessHandle> processes) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.forEach(p -> command.add(Long.toString(p.pid())));
    try {
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      assertThat(exit).as(String.join(" ", command)).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until /health says both servers are up again, so the next test finds them as it expects. */
  public static void awaitHealthy(TestApp app) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    int status = 0;
    while (System.currentTimeMillis() < deadline && (status = app.http().get("/health").status()) != 200) {
      Thread.sleep(100);
    }
    assertThat(status).as("/health after the outage").isEqualTo(200);
  }
}
