package cn.reportpost.print;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/** The poster on a PDF page: text stays text and QR modules stay vectors for the print shop. */
final class PdfPosterCanvas implements PosterCanvas {

  private final PDDocument document;
  private final PdfPage page;

  PdfPosterCanvas(PDDocument document, PdfPage page) {
    this.document = document;
    this.page = page;
  }

  @Override
  public void fillRect(float x, float top, float w, float h, Color color) {
    page.color(color);
    page.fillRect(x, top, w, h);
  }

  @Override
  public void strokeRect(float x, float top, float w, float h, float lineWidth, Color color) {
    page.color(color);
    page.strokeRect(x, top, w, h, lineWidth);
  }

  @Override
  public void centredText(String text, float centreX, float baseline, float size, Color color) {
    page.color(color);
    page.centredText(text, centreX, baseline, size);
  }

  @Override
  public float width(String text, float size) {
    return page.width(text, size);
  }

  @Override
  public void qr(BitMatrix modules, float x, float top, float size) {
    page.color(Color.BLACK);
    float module = size / modules.getWidth();
    page.modules(modules, x, top, module, module);
  }

  @Override
  public void qrImage(BufferedImage image, float x, float top, float size) {
    try {
      page.image(LosslessFactory.createFromImage(document, image), x, top, size, size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
