package cn.reportpost.catalog;

import cn.reportpost.dev.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SiteCsvTest {

  private static final String HEADER = String.join(",", SiteCsv.COLUMNS) + "\n";
  private static final Set<String> CITIES = Set.of("140100", "140200");

  private static SiteCsv.Result parse(String body) {
    return SiteCsv.parse(new StringReader(HEADER + body), CITIES);
  }

  @Test
  void readsGoodRowsWithDefaultsForOptionalColumns() {
    SiteCsv.Result r = parse("""
        TY900,太原测试点,140100,太原市小店区某路1号,1500,2200,true,0351-1234567
        DT900,"大同测试点, 东门",140200,大同市平城区某路2号,1200,,no,
        """);
    assertThat(r.errors()).isEmpty();
    assertThat(r.sites()).containsExactly(
        new Site("TY900", "太原测试点", "140100", "太原市小店区某路1号", 1500, 2200, true, "0351-1234567", null),
        new Site("DT900", "大同测试点, 东门", "140200", "大同市平城区某路2号", 1200, 1200, false, "", null));
  }

  @Test
  void readsTheOptionalPosterCodeColumnAndAnEmptyValueLeavesThePosterAsItIs() {
    SiteCsv.Result r = SiteCsv.parse(new StringReader(String.join(",", SiteCsv.COLUMNS) + ",poster_code\n"
        + "TY900,a,140100,addr 1,1,1,true,,MA_CODE\n"
        + "TY901,b,140100,addr 2,1,1,true,,MP_QR\n"
        + "TY902,c,140100,addr 3,1,1,true,,\n"), CITIES);
    assertThat(r.errors()).isEmpty();
    assertThat(r.sites()).extracting(Site::posterCode).containsExactly(PosterCode.MA_CODE, PosterCode.MP_QR, null);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "TY910,n,140100,addr 1,1500,2200,true,,ma_code|poster_code must be MP_QR or MA_CODE, got 'ma_code'",
      "TY911,n,140100,addr 1,1500,2200,true,,QR|poster_code must be MP_QR or MA_CODE, got 'QR'",
      "TY912,n,140100,addr 1,1500,2200,true,|expected 9 columns, found 8",
  })
  void reportsABadPosterCodeWithItsLineAndReason(String row, String reason) {
    SiteCsv.Result r = SiteCsv.parse(new StringReader(String.join(",", SiteCsv.COLUMNS) + ",poster_code\n"
        + "TY800,good,140100,addr 0,1,1,true,,MA_CODE\n" + row + "\n"), CITIES);
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.reason()).contains(reason);
    });
  }

  @Test
  void theShippedDemoFileHas217GoodSites() {
    SiteCsv.Result r = SiteCsv.parse(new StringReader(DemoData.demoSitesCsv()),
        Set.of("140100", "140200", "140300", "140400", "140500", "140600", "140700", "140800", "140900", "141000", "141100"));
    assertThat(r.errors()).isEmpty();
    assertThat(r.sites()).hasSize(217);
  }

  @Test
  void skipsAByteOrderMarkBeforeTheHeader() {
    SiteCsv.Result r = SiteCsv.parse(new StringReader("\uFEFF" + HEADER + "TY900,n,140100,some address,1,1,1,\n"), CITIES);
    assertThat(r.errors()).isEmpty();
    assertThat(r.sites()).hasSize(1);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "ty-1,n,140100,addr 1,1500,2200,true,|code must be 2–16 capital letters or digits",
      "TY901,,140100,addr 1,1500,2200,true,|name is empty",
      "TY902,n,999999,addr 1,1500,2200,true,|city_code '999999' is not a known city",
      "TY903,n,140100,,1500,2200,true,|address is empty",
      "TY904,n,140100,addr 1,15.00,2200,true,|fee_fen must be a whole number of fen",
      "TY905,n,140100,addr 1,-1,2200,true,|fee_fen must be between 0 and 100000 fen",
      "TY906,n,140100,addr 1,1500,abc,true,|out_of_province_fee_fen must be a whole number",
      "TY907,n,140100,addr 1,1500,2200,maybe,|accepting must be true or false",
      "TY908,n,140100,addr 1,1500,2200,true,call me|contact_phone must be digits",
      "TY909,n,140100,addr 1,1500,2200|expected 8 columns, found 6",
  })
  void reportsEachKindOfBadRowWithItsLineAndReason(String row, String reason) {
    SiteCsv.Result r = parse("TY800,good,140100,addr 0,1,1,true,\n" + row + "\n");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.reason()).contains(reason);
    });
  }

  @Test
  void rejectsControlCharactersInText() {
    SiteCsv.Result r = parse("TY900,\"bad\u0007name\",140100,addr 1,1,1,true,\n");
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("name contains control characters"));
  }

  @Test
  void reportsADuplicateCodeWithTheLineItFirstAppearedOn() {
    SiteCsv.Result r = parse("TY900,a,140100,addr 1,1,1,true,\nTY901,b,140100,addr 2,1,1,true,\nTY900,c,140100,addr 3,1,1,true,\n");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(4);
      assertThat(e.reason()).contains("already appears on line 2");
    });
  }

  @Test
  void reportsEveryBadRowNotJustTheFirst() {
    SiteCsv.Result r = parse("x,a,140100,addr 1,1,1,true,\nTY901,b,140100,addr 2,1,1,true,\nTY902,c,000000,addr 3,1,1,true,\n");
    assertThat(r.errors()).extracting(SiteCsv.RowError::line).containsExactly(2L, 4L);
    assertThat(r.ok()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "code,name",
      "code,name,city_code,address,fee_fen,out_of_province_fee_fen,accepting,contact_phone,poster",
      "code,name,city_code,address,fee_fen,out_of_province_fee_fen,accepting,poster_code,contact_phone",
  })
  void refusesAFileWhoseHeaderIsWrong(String header) {
    SiteCsv.Result r = SiteCsv.parse(new StringReader(header + "\nTY900,a\n"), CITIES);
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.reason()).contains("header must be exactly").contains("optionally followed by ,poster_code");
    });
    assertThat(r.sites()).isEmpty();
  }
}
