package cn.reportpost.print;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
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

  /** The one barcode of this format in the image, or NotFoundException. */
  static String decode(BufferedImage image, BarcodeFormat format) throws NotFoundException {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    Map<DecodeHintType, Object> hints = Map.of(
        DecodeHintType.POSSIBLE_FORMATS, List.of(format),
        DecodeHintType.TRY_HARDER, Boolean.TRUE);
    return new MultiFormatReader().decode(bitmap, hints).getText();
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
