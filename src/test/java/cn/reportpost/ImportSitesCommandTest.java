package cn.reportpost;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reportpost import-sites FILE.csv}, run against the test database. */
@ExtendWith(ReportPostExtension.class)
class ImportSitesCommandTest {

  private static final String HEADER = "code,name,city_code,address,fee_fen,out_of_province_fee_fen,accepting,contact_phone\n";

  @Test
  void importsAGoodFileAndUpdatesSitesThatExist(TestApp app, @TempDir Path dir) throws Exception {
    Path csv = dir.resolve("sites.csv");
    Files.writeString(csv, HEADER
        + "ZZ100,导入测试点一,140100,太原市导入路1号,1800,2500,true,0351-7777777\n"
        + "ZZ101,导入测试点二,140200,大同市导入路2号,1600,,false,\n", StandardCharsets.UTF_8);
    assertThat(run(app, csv.toString()).code).isZero();
    Files.writeString(csv, HEADER + "ZZ100,导入测试点一（新名）,140100,太原市导入路1号,1900,2500,true,\n", StandardCharsets.UTF_8);
    Result second = run(app, csv.toString());
    assertThat(second.code).isZero();
    assertThat(second.out).contains("imported 1 site(s)");
    Row row = site(app, "ZZ100");
    assertThat(row.getString("name")).isEqualTo("导入测试点一（新名）");
    assertThat(row.getInteger("fee_fen")).isEqualTo(1900);
    assertThat(site(app, "ZZ101").getInteger("out_of_province_fee_fen")).isEqualTo(1600);
  }

  @Test
  void aPosterCodeColumnSetsThePosterAndAFileWithoutItLeavesItAsItIs(TestApp app, @TempDir Path dir) throws Exception {
    // Lüliang (141100): no test fetches its posters, so a mini-program code here disturbs nothing.
    Path csv = dir.resolve("posters.csv");
    String withPosterCode = HEADER.strip() + ",poster_code\n";
    Files.writeString(csv, withPosterCode + "ZZ300,海报测试点,141100,吕梁市海报路1号,1500,,true,,MA_CODE\n", StandardCharsets.UTF_8);
    assertThat(run(app, csv.toString()).code).isZero();
    assertThat(site(app, "ZZ300").getString("poster_code")).isEqualTo("MA_CODE");

    Files.writeString(csv, HEADER + "ZZ300,海报测试点,141100,吕梁市海报路1号,1600,,true,\n"
        + "ZZ301,海报测试点二,141100,吕梁市海报路2号,1600,,true,\n", StandardCharsets.UTF_8);
    assertThat(run(app, csv.toString()).code).isZero();
    assertThat(site(app, "ZZ300").getInteger("fee_fen")).isEqualTo(1600);
    assertThat(site(app, "ZZ300").getString("poster_code")).as("kept without the column").isEqualTo("MA_CODE");
    assertThat(site(app, "ZZ301").getString("poster_code")).as("a new site's default").isEqualTo("MP_QR");

    Files.writeString(csv, withPosterCode + "ZZ300,海报测试点,141100,吕梁市海报路1号,1600,,true,,MP_QR\n", StandardCharsets.UTF_8);
    assertThat(run(app, csv.toString()).code).isZero();
    assertThat(site(app, "ZZ300").getString("poster_code")).isEqualTo("MP_QR");
  }

  @Test
  void aFileWithOneBadRowImportsNothingAndNamesTheLine(TestApp app, @TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, HEADER
        + "ZZ200,好的一行,140100,太原市某路1号,1500,2200,true,\n"
        + "ZZ201,坏的一行,140100,太原市某路2号,free,2200,true,\n", StandardCharsets.UTF_8);
    Result result = run(app, csv.toString());
    assertThat(result.code).isEqualTo(1);
    assertThat(result.err).contains("line 3: fee_fen must be a whole number of fen, got 'free'")
        .contains("nothing was imported");
    long count = app.app().services().pool().query("SELECT count(*) FROM site WHERE code IN ('ZZ200', 'ZZ201')")
        .execute().await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(count).isZero();
  }

  @Test
  void aMissingFileIsAClearError(TestApp app) throws Exception {
    Result result = run(app, "/no/such/file.csv");
    assertThat(result.code).isEqualTo(66);
    assertThat(result.err).contains("no such file /no/such/file.csv");
  }

  private record Result(int code, String out, String err) {}

  private static Result run(TestApp app, String file) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = Main.importSites(new String[] {file}, app.env());
      return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static Row site(TestApp app, String code) throws Exception {
    return app.app().services().pool().preparedQuery("SELECT * FROM site WHERE code = $1")
        .execute(io.vertx.sqlclient.Tuple.of(code)).await(5, TimeUnit.SECONDS).iterator().next();
  }
}
