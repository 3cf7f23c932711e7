package cn.reportpost.report;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An OutputStream for a worker thread that writes to an HTTP response in chunks, waiting while
 * the client is slower than the writer: what is held in memory is one chunk and the response's
 * write queue, however long the file.
 */
final class ResponseStream extends OutputStream {

  private static final int CHUNK = 64 * 1024;
  private static final long DRAIN_WAIT_SECONDS = 60;

  private final HttpServerResponse response;
  private byte[] chunk = new byte[CHUNK];
  private int used;

  ResponseStream(HttpServerResponse response) {
    this.response = response;
  }

  @Override
  public void write(int b) throws IOException {
    if (used == CHUNK) {
      flush();
    }
    chunk[used++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (used == CHUNK) {
        flush();
      }
      int n = Math.min(len, CHUNK - used);
      System.arraycopy(b, off, chunk, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    if (used == 0) {
      return;
    }
    if (response.closed()) {
      throw new IOException("the client went away");
    }
    awaitDrain();
    response.write(Buffer.buffer(chunk).slice(0, used));
    chunk = new byte[CHUNK];
    used = 0;
  }

  private void awaitDrain() throws IOException {
    if (!response.writeQueueFull()) {
      return;
    }
    CountDownLatch drained = new CountDownLatch(1);
    response.drainHandler(v -> drained.countDown());
    response.closeHandler(v -> drained.countDown());
    try {
      if (response.writeQueueFull() && !drained.await(DRAIN_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("the client read nothing for " + DRAIN_WAIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.closed()) {
      throw new IOException("the client went away");
    }
  }

  /** Flushes; the response itself is ended by the caller. */
  @Override
  public void close() throws IOException {
    flush();
  }
}
