package cn.reportpost.print;

import com.google.zxing.common.BitMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The poster on a Java2D image. Points become pixels here rather than through a scaled
 * Graphics2D, so that QR modules land on whole pixels and print without grey seams.
 */
final class PngPosterCanvas implements PosterCanvas {

  private final Graphics2D g;
  private final CjkFont font;
  private final float pixelsPerPoint;

  PngPosterCanvas(BufferedImage image, CjkFont font, float pixelsPerPoint) {
    this.g = image.createGraphics();
    this.font = font;
    this.pixelsPerPoint = pixelsPerPoint;
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
  }

  private int px(float points) {
    return Math.round(points * pixelsPerPoint);
  }

  @Override
  public void fillRect(float x, float top, float w, float h, Color color) {
    g.setColor(color);
    g.fillRect(px(x), px(top), px(w), px(h));
  }

  @Override
  public void strokeRect(float x, float top, float w, float h, float lineWidth, Color color) {
    g.setColor(color);
    g.setStroke(new BasicStroke(lineWidth * pixelsPerPoint));
    g.drawRect(px(x), px(top), px(w), px(h));
  }

  @Override
  public void centredText(String text, float centreX, float baseline, float size, Color color) {
    String printable = font.printable(text);
    g.setColor(color);
    g.setFont(font.awt(size * pixelsPerPoint));
    float width = (float) g.getFont().getStringBounds(printable, g.getFontRenderContext()).getWidth();
    g.drawString(printable, centreX * pixelsPerPoint - width / 2, baseline * pixelsPerPoint);
  }

  @Override
  public float width(String text, float size) {
    return (float) font.awt(size).getStringBounds(font.printable(text), g.getFontRenderContext()).getWidth();
  }

  @Override
  public void qr(BitMatrix modules, float x, float top, float size) {
    int module = px(size) / modules.getWidth();
    // Centre the whole-pixel symbol in the space the layout gave it.
    int left = px(x) + (px(size) - module * modules.getWidth()) / 2;
    int upper = px(top) + (px(size) - module * modules.getHeight()) / 2;
    g.setColor(Color.BLACK);
    for (int row = 0; row < modules.getHeight(); row++) {
      for (int col = 0; col < modules.getWidth(); col++) {
        if (modules.get(col, row)) {
          g.fillRect(left + col * module, upper + row * module, module, module);
        }
      }
    }
  }

  @Override
  public void qrImage(BufferedImage image, float x, float top, float size) {
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(image, px(x), px(top), px(size), px(size), null);
  }

  void dispose() {
    g.dispose();
  }
}
