package cn.reportpost.print;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * One PDF page drawn from the top-left corner down, in points, as paper layouts are measured;
 * PDF itself counts from the bottom. Text is made printable by the font first.
 */
final class PdfPage implements AutoCloseable {

  static final float MM = 72f / 25.4f;
  private static final String ELLIPSIS = "…";

  private final PDPageContentStream out;
  private final PDFont font;
  private final CjkFont cjk;
  private final float height;

  PdfPage(PDDocument document, PDRectangle size, PDFont font, CjkFont cjk) {
    PDPage page = new PDPage(size);
    document.addPage(page);
    this.font = font;
    this.cjk = cjk;
    this.height = size.getHeight();
    try {
      this.out = new PDPageContentStream(document, page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text with its baseline at {@code baseline} below the top edge. */
  void text(String text, float x, float baseline, float size) {
    draw(out -> {
      out.beginText();
      out.setFont(font, size);
      out.newLineAtOffset(x, height - baseline);
      out.showText(cjk.printable(text));
      out.endText();
    });
  }

  void centredText(String text, float centreX, float baseline, float size) {
    text(text, centreX - width(text, size) / 2, baseline, size);
  }

  void rightAlignedText(String text, float rightX, float baseline, float size) {
    text(text, rightX - width(text, size), baseline, size);
  }

  float width(String text, float size) {
    try {
      return font.getStringWidth(cjk.printable(text)) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text, cut with an ellipsis where it would run past {@code maxWidth}. */
  String fit(String text, float size, float maxWidth) {
    return wrap(text, size, maxWidth, 1).get(0);
  }

  /**
   * Lines no wider than {@code maxWidth}, broken between any two characters (Chinese has no
   * spaces to break at); the last allowed line ends with an ellipsis if text is left over.
   */
  List<String> wrap(String text, float size, float maxWidth, int maxLines) {
    List<String> lines = new ArrayList<>();
    int[] cps = cjk.printable(text).strip().codePoints().toArray();
    int start = 0;
    while (start < cps.length && lines.size() < maxLines) {
      if (cps[start] == ' ') {
        start++;
        continue;
      }
      boolean last = lines.size() == maxLines - 1;
      int end = start;
      while (end < cps.length && width(new String(cps, start, end - start + 1), size) <= maxWidth) {
        end++;
      }
      end = Math.max(end, start + 1);
      if (last && end < cps.length) {
        while (end > start + 1 && width(new String(cps, start, end - start) + ELLIPSIS, size) > maxWidth) {
          end--;
        }
        lines.add(new String(cps, start, end - start) + ELLIPSIS);
      } else {
        lines.add(new String(cps, start, end - start));
      }
      start = end;
    }
    return lines.isEmpty() ? List.of("") : lines;
  }

  void line(float x1, float y1, float x2, float y2, float lineWidth) {
    draw(out -> {
      out.setLineWidth(lineWidth);
      out.moveTo(x1, height - y1);
      out.lineTo(x2, height - y2);
      out.stroke();
    });
  }

  /** Colour for what follows, text, lines and fills alike. */
  void color(Color color) {
    draw(out -> {
      out.setNonStrokingColor(color);
      out.setStrokingColor(color);
    });
  }

  void fillRect(float x, float top, float w, float h) {
    draw(out -> {
      out.addRect(x, height - top - h, w, h);
      out.fill();
    });
  }

  void strokeRect(float x, float top, float w, float h, float lineWidth) {
    draw(out -> {
      out.setLineWidth(lineWidth);
      out.addRect(x, height - top - h, w, h);
      out.stroke();
    });
  }

  void image(PDImageXObject image, float x, float top, float w, float h) {
    draw(out -> out.drawImage(image, x, height - top - h, w, h));
  }

  /** A thin grey outline: a cutting guide or a table cell that must not distract. */
  void outline(float x, float top, float w, float h, float gray) {
    draw(out -> {
      out.saveGraphicsState();
      out.setStrokingColor(gray);
    });
    strokeRect(x, top, w, h, 0.3f);
    draw(PDPageContentStream::restoreGraphicsState);
  }

  /** Dark modules as filled rectangles, so bars stay sharp at any printer resolution. */
  void modules(BitMatrix matrix, float x, float top, float moduleWidth, float moduleHeight) {
    draw(out -> {
      for (int row = 0; row < matrix.getHeight(); row++) {
        int col = 0;
        while (col < matrix.getWidth()) {
          if (!matrix.get(col, row)) {
            col++;
            continue;
          }
          int runStart = col;
          while (col < matrix.getWidth() && matrix.get(col, row)) {
            col++;
          }
          float y = top + (row + 1) * moduleHeight;
          out.addRect(x + runStart * moduleWidth, height - y, (col - runStart) * moduleWidth, moduleHeight);
        }
      }
      out.fill();
    });
  }

  /** The finished document as bytes; the caller still closes it. */
  static byte[] bytes(PDDocument document) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    draw(PDPageContentStream::close);
  }

  /** PDFBox declares IOException on every drawing call; one place turns it unchecked. */
  private interface Drawing {
    void on(PDPageContentStream out) throws IOException;
  }

  private void draw(Drawing drawing) {
    try {
      drawing.on(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
