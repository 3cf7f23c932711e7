package cn.reportpost.print;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads printed output back the way a person or a scanner would: text, page images, barcodes. */
final class Printed {

  static final Path SAMPLES = Path.of("target", "print-samples");
  /** Parsed once for the whole test run, as the server does at start. */
  static final CjkFont FONT = CjkFont.load();

  private Printed() {}

  static String text(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int pages(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return document.getNumberOfPages();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedImage pageImage(byte[] pdf, int pageIndex, float dpi) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFRenderer(document).renderImageWithDPI(pageIndex, dpi);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The one barcode of this format in the image, or NotFoundException. ZXing's QR finder misses
   * some valid codes in one orientation and scale and finds them in another (zbar reads every
   * poster that ZXing missed at first sight), so it looks as a phone does over several frames:
   * turned a quarter at a time, and nearer and farther.
   */
  static String decode(BufferedImage image, BarcodeFormat format) throws NotFoundException {
    Map<DecodeHintType, Object> hints = Map.of(
        DecodeHintType.POSSIBLE_FORMATS, List.of(format),
        DecodeHintType.TRY_HARDER, Boolean.TRUE);
    NotFoundException last = NotFoundException.getNotFoundInstance();
    for (double scale : new double[] {1.0, 0.75, 0.5}) {
      BufferedImage view = scale == 1.0 ? image : scaled(image, scale);
      for (int quarter = 0; quarter < 4; quarter++, view = turned(view)) {
        try {
          return new MultiFormatReader().decode(
              new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(view))), hints).getText();
        } catch (NotFoundException e) {
          last = e;
        }
      }
    }
    throw last;
  }

  private static BufferedImage scaled(BufferedImage image, double scale) {
    int w = (int) (image.getWidth() * scale);
    int h = (int) (image.getHeight() * scale);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  /** A quarter turn clockwise. */
  private static BufferedImage turned(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getHeight(), image.getWidth(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.rotate(Math.PI / 2);
    g.drawImage(image, 0, -image.getHeight(), null);
    g.dispose();
    return out;
  }

  /** Kept under target/print-samples for a person to look at. */
  static void save(String fileName, byte[] content) {
    try {
      Files.createDirectories(SAMPLES);
      Files.write(SAMPLES.resolve(fileName), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
