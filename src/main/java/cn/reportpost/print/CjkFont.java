package cn.reportpost.print;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * WenQuanYi Micro Hei, shipped in the jar ({@code fonts/wqy-microhei.ttc}, licence in
 * {@code fonts/wqy-microhei.COPYRIGHT}), because a server without CJK fonts draws Chinese as
 * boxes. Parse it once at start and pass the instance down: both the FontBox font and the AWT
 * font are read-only after loading and shared by all rendering threads (FontBox locks its own
 * table reads).
 */
public final class CjkFont {

  static final String RESOURCE = "/fonts/wqy-microhei.ttc";
  /** PostScript name inside the collection; the other face is the monospaced "Mono". */
  static final String POSTSCRIPT_NAME = "WenQuanYiMicroHei";

  private final TrueTypeFont pdfFont;
  private final Font awtFont;

  private CjkFont(TrueTypeFont pdfFont, Font awtFont) {
    this.pdfFont = pdfFont;
    this.awtFont = awtFont;
  }

  /** Reads the font from the class path; about 5 MB, so call it once, off the event loop. */
  public static CjkFont load() {
    // Rendering runs on servers without a display; AWT must not look for one.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    try {
      byte[] file = readResource();
      TrueTypeFont ttf = new TrueTypeCollection(new java.io.ByteArrayInputStream(file))
          .getFontByName(POSTSCRIPT_NAME);
      if (ttf == null) {
        throw new IllegalStateException(RESOURCE + " has no face " + POSTSCRIPT_NAME);
      }
      Font awt = Arrays.stream(Font.createFonts(new java.io.ByteArrayInputStream(file)))
          .filter(f -> POSTSCRIPT_NAME.equals(f.getPSName()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no AWT face " + POSTSCRIPT_NAME));
      return new CjkFont(ttf, awt);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("cannot parse " + RESOURCE, e);
    }
  }

  private static byte[] readResource() throws IOException {
    try (InputStream in = CjkFont.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  /** The font for one PDF; only the glyphs the document uses are embedded. */
  public PDType0Font embedSubsetIn(PDDocument document) {
    try {
      return PDType0Font.load(document, pdfFont, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The font for Java2D at a size in pixels. */
  public Font awt(float size) {
    return awtFont.deriveFont(size);
  }

  /**
   * The text with every character this font cannot draw replaced by '?', and line breaks and
   * tabs by spaces: PDFBox refuses to encode a missing glyph, and a label must still print.
   */
  public String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (Character.isWhitespace(cp)) {
        out.append(' ');
      } else if (Character.isISOControl(cp) || !awtFont.canDisplay(cp)) {
        out.append('?');
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
