package cn.reportpost.print;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The picture of the chat's news card (a poster scan answers one): WeChat shows a news card's
 * cover at 2.35:1, so 900×383 pixels, in the posters' green with the same words, drawn with the
 * shipped font so that it looks the same on every server.
 */
public final class NewsCover {

  public static final int WIDTH = 900;
  public static final int HEIGHT = 383;
  /** WeChat's green, as on the posters. */
  static final Color GREEN = new Color(0x07, 0xC1, 0x60);

  private NewsCover() {}

  /** Blocking (drawing and PNG encoding): once, at start. */
  public static byte[] png(CjkFont font) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(GREEN);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.WHITE);
    centred(g, font, "核酸检测报告 邮寄到家", 64, 175);
    centred(g, font, "选好采样点 · 填写地址并支付 · 邮政寄送到家", 30, 255);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void centred(Graphics2D g, CjkFont font, String text, float size, int baseline) {
    String printable = font.printable(text);
    g.setFont(font.awt(size));
    float width = (float) g.getFont().getStringBounds(printable, g.getFontRenderContext()).getWidth();
    g.drawString(printable, (WIDTH - width) / 2, baseline);
  }
}
