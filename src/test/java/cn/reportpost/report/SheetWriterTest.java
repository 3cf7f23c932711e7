package cn.reportpost.report;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Text a spreadsheet would run as a formula is written as text, in CSV and XLSX alike; numbers stay numbers. */
class SheetWriterTest {

  private static final List<String> DANGEROUS = List.of("=1+2", "+86 138", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd");

  @Test
  void everyFormulaStartIsNeutralisedWithAQuote() {
    for (String text : DANGEROUS) {
      assertThat(SheetWriter.neutralised(text)).as(text).isEqualTo("'" + text);
    }
    assertThat(SheetWriter.neutralised("张三")).isEqualTo("张三");
    assertThat(SheetWriter.neutralised("")).isEqualTo("");
  }

  @Test
  void csvQuotesSeparatorsAndNeutralisesFormulas() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SheetWriter sheet = SheetWriter.open(SheetFormat.CSV, bytes, "t")) {
      sheet.row(List.of("=1+2", "a,b", "say \"hi\"", 42L));
    }
    String csv = bytes.toString(StandardCharsets.UTF_8);
    assertThat(csv).isEqualTo("\uFEFF'=1+2,\"a,b\",\"say \"\"hi\"\"\",42\r\n");
  }

  @Test
  void xlsxReadsBackWithFormulasAsTextAndNumbersAsNumbers() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SheetWriter sheet = SheetWriter.open(SheetFormat.XLSX, bytes, "t")) {
      sheet.row(new java.util.ArrayList<>(DANGEROUS));
      sheet.row(List.of(1500L, "1500"));
    }
    try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
      List<Row> rows = book.getFirstSheet().read();
      for (int i = 0; i < DANGEROUS.size(); i++) {
        assertThat(rows.get(0).getCellText(i)).isEqualTo("'" + DANGEROUS.get(i));
        assertThat(rows.get(0).getCell(i).getType().name()).isNotEqualTo("FORMULA");
      }
      assertThat(rows.get(1).getCell(0).getType().name()).isEqualTo("NUMBER");
      assertThat(rows.get(1).getCell(1).getType().name()).isEqualTo("STRING");
    }
  }
}
