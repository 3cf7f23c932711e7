package cn.reportpost.resident;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SafeRedirectTest {

  @ParameterizedTest
  @ValueSource(strings = {"/h5/order?site=TY001", "/h5/orders", "/", "/h5/orders/RP261129K7QM2XA3#top", "/h5/a%20b"})
  void pathsOnThisSiteAreSafe(String next) {
    assertThat(SafeRedirect.isSafe(next)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)",
      "h5/orders", "", "/h5/\r\nSet-Cookie:x=1", "/h5/\\..\\x", "/h5/<script>"})
  void anythingABrowserCouldReadAsAnotherOriginIsRefused(String next) {
    assertThat(SafeRedirect.isSafe(next)).isFalse();
  }
}
