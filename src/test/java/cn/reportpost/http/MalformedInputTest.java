package cn.reportpost.http;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile and broken bodies on a JSON endpoint: each gets a clear problem, none a 500. */
@ExtendWith(ReportPostExtension.class)
class MalformedInputTest {

  private static final String JSON_ENDPOINT = "/api/v1/staff/session";

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"username\": }", "not json", "{\"username\":\"a\",}", "\"just a string\"", "[1,2]", ""})
  void malformedJsonIsA400Problem(String body) {
    TestHttp.Response r = http.post(JSON_ENDPOINT, "application/json", body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.json().getString("title")).isIn("Malformed JSON", "Missing body");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String big = "{\"username\":\"" + "a".repeat(70_000) + "\",\"password\":\"x\"}";
    TestHttp.Response r = http.post(JSON_ENDPOINT, "application/json", big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void aWrongContentTypeIs415() {
    TestHttp.Response r = http.post(JSON_ENDPOINT, "text/plain", "{\"username\":\"a\",\"password\":\"b\"}");
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.json().getString("detail")).contains("application/json");
  }

  private final TestHttp http;

  MalformedInputTest(TestHttp http) {
    this.http = http;
  }
}
