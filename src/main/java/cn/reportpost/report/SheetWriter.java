package cn.reportpost.report;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a table row by row to a stream, as CSV or XLSX (fastexcel flushes each sheet's rows as
 * it goes; strings are written inline, so no shared-strings table grows with the export). Text a
 * spreadsheet would run as a formula (= + - @, tab, carriage return first) is neutralised with a '.
 * Numbers stay numbers. Blocking: run on a worker thread.
 */
abstract class SheetWriter implements AutoCloseable {

  static SheetWriter open(SheetFormat format, OutputStream out, String sheetName) {
    return format == SheetFormat.CSV ? new Csv(out) : new Xlsx(out, sheetName);
  }

  /** One row: String, Number (written as a number) or null (empty). */
  abstract void row(List<?> cells);

  /** Hands what is buffered to the stream (the XLSX writer only flushes its sheet here). */
  abstract void flush();

  /** Ends the file; the stream stays open. */
  @Override
  public abstract void close();

  /** The text as a cell may hold it without a spreadsheet evaluating it. */
  static String neutralised(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  private static final class Csv extends SheetWriter {
    private final Writer out;

    Csv(OutputStream stream) {
      this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
      write("\uFEFF");
    }

    @Override
    void row(List<?> cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          line.append(',');
        }
        Object cell = cells.get(i);
        if (cell instanceof Number n) {
          line.append(n);
        } else if (cell != null) {
          line.append(quoted(neutralised(cell.toString())));
        }
      }
      write(line.append("\r\n").toString());
    }

    private static String quoted(String text) {
      if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
        return text;
      }
      return '"' + text.replace("\"", "\"\"") + '"';
    }

    private void write(String text) {
      try {
        out.write(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      flush();
    }
  }

  private static final class Xlsx extends SheetWriter {
    private final Workbook workbook;
    private final Worksheet sheet;
    private int next;

    Xlsx(OutputStream out, String sheetName) {
      this.workbook = new Workbook(out, "ReportPost", "1.0");
      // The fastest deflate: an export is CPU-bound on compression, and its size matters less than its time.
      workbook.setCompressionLevel(1);
      this.sheet = workbook.newWorksheet(sheetName);
    }

    @Override
    void row(List<?> cells) {
      for (int c = 0; c < cells.size(); c++) {
        Object cell = cells.get(c);
        if (cell instanceof Number n) {
          sheet.value(next, c, n);
        } else if (cell != null) {
          sheet.inlineString(next, c, neutralised(cell.toString()));
        }
      }
      next++;
    }

    @Override
    void flush() {
      try {
        sheet.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        sheet.finish();
        workbook.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
