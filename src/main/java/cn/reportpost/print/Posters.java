package cn.reportpost.print;

import com.google.zxing.common.BitMatrix;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A4 posters for test sites, as PNG for screens and quick printing and as PDF for the print
 * shop, and a ZIP of a city's posters. Blocking; call it from a worker thread.
 */
public final class Posters {

  /** 150 dpi: sharp on an office printer, about 1240×1754 pixels, a few hundred kilobytes. */
  public static final int PNG_DPI = 150;

  private final CjkFont font;

  public Posters(CjkFont font) {
    this.font = font;
  }

  public byte[] png(PosterData poster) {
    float pixelsPerPoint = PNG_DPI / 72f;
    BufferedImage image = new BufferedImage(Math.round(PosterLayout.WIDTH * pixelsPerPoint),
        Math.round(PosterLayout.HEIGHT * pixelsPerPoint), BufferedImage.TYPE_INT_RGB);
    PngPosterCanvas canvas = new PngPosterCanvas(image, font, pixelsPerPoint);
    try {
      draw(canvas, poster);
    } finally {
      canvas.dispose();
    }
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] pdf(PosterData poster) {
    try (PDDocument document = new PDDocument()) {
      try (PdfPage page = new PdfPage(document, PDRectangle.A4, font.embedSubsetIn(document), font)) {
        draw(new PdfPosterCanvas(document, page), poster);
      }
      return PdfPage.bytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every poster of one city, {@code <site code>.png} and {@code <site code>.pdf} each, for the
   * print shop to find a site's poster by the code on its sheet.
   */
  public byte[] cityZip(List<PosterData> posters) {
    Set<String> codes = new HashSet<>();
    for (PosterData poster : posters) {
      if (!codes.add(poster.siteCode())) {
        throw new IllegalArgumentException("site " + poster.siteCode() + " appears twice");
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (PosterData poster : posters) {
        add(zip, poster.siteCode() + ".png", png(poster));
        add(zip, poster.siteCode() + ".pdf", pdf(poster));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  private static void draw(PosterCanvas canvas, PosterData poster) {
    if (poster.qrText() != null) {
      BitMatrix modules = Barcodes.qr(poster.qrText());
      PosterLayout.draw(canvas, poster, modules, null);
    } else {
      PosterLayout.draw(canvas, poster, null, readImage(poster.qrPng()));
    }
  }

  private static BufferedImage readImage(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        throw new IllegalArgumentException("the code image is not a PNG, JPEG or GIF");
      }
      return image;
    } catch (IOException e) {
      throw new IllegalArgumentException("the code image cannot be read", e);
    }
  }
}
