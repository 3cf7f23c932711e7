package cn.reportpost.print;

import static cn.reportpost.print.Printed.FONT;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CjkFontTest {

  @Test
  void theShippedFaceIsLoadedNotWhateverTheHostHas() {
    Font font = FONT.awt(20);
    assertThat(font.getPSName()).isEqualTo(CjkFont.POSTSCRIPT_NAME);
    assertThat(font.canDisplayUpTo("太原市小店区人民医院 交出人 接收人 ¥15.00")).isEqualTo(-1);
  }

  @Test
  void chineseCharactersDrawAsTheirOwnGlyphsNotTheMissingGlyphBox() {
    Font font = FONT.awt(40);
    int[] missing = pixels(font, font.getMissingGlyphCode());
    int[] shan = pixels(font, glyphCode(font, "山"));
    int[] shui = pixels(font, glyphCode(font, "水"));

    assertThat(Arrays.stream(shan).filter(p -> p != -1).count()).as("山 draws something").isGreaterThan(50);
    assertThat(Arrays.equals(shan, missing)).as("山 is not the missing glyph").isFalse();
    assertThat(Arrays.equals(shui, missing)).as("水 is not the missing glyph").isFalse();
    assertThat(Arrays.equals(shan, shui)).as("山 and 水 differ").isFalse();
  }

  @Test
  void charactersTheFontLacksBecomeQuestionMarksAndLineBreaksSpaces() {
    assertThat(FONT.printable("王\uD83D\uDE00五\r\n六\u0007")).isEqualTo("王?五  六?");
  }

  private static int glyphCode(Font font, String character) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      return font.createGlyphVector(g.getFontRenderContext(), character).getGlyphCode(0);
    } finally {
      g.dispose();
    }
  }

  private static int[] pixels(Font font, int glyphCode) {
    BufferedImage image = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 60, 60);
      g.setColor(Color.BLACK);
      GlyphVector glyph = font.createGlyphVector(g.getFontRenderContext(), new int[] {glyphCode});
      g.drawGlyphVector(glyph, 8, 48);
    } finally {
      g.dispose();
    }
    return image.getRGB(0, 0, 60, 60, null, 0, 60);
  }
}
