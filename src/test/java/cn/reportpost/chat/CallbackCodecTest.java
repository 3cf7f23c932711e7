package cn.reportpost.chat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The DOCTYPE guard in front of the XML parser, on the raw body and on a decrypted message alike. */
class CallbackCodecTest {

  private static boolean both(String xml) {
    boolean onText = CallbackCodec.hasDoctype(xml);
    boolean onBytes = CallbackCodec.hasDoctype(xml.getBytes(StandardCharsets.UTF_8));
    assertThat(onBytes).as("bytes and text agree on " + xml).isEqualTo(onText);
    return onText;
  }

  @Test
  void findsADoctypeOrEntityInAnyCase() {
    assertThat(both("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml>&x;</xml>")).isTrue();
    assertThat(both("<!doctype xml><xml/>")).isTrue();
    assertThat(both("<xml><!EnTiTy x \"y\"></xml>")).isTrue();
    assertThat(both("<xml><Content><![CDATA[你好]]></Content></xml><!DOCTYPE")).isTrue();
  }

  @Test
  void leavesWeChatsOwnMessagesAlone() {
    assertThat(both("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Content><![CDATA[查询 <!DOC]]></Content></xml>")).isFalse();
    assertThat(both("<xml><Content><![CDATA[DOCTYPE ENTITY]]></Content><!-- a note --></xml>")).isFalse();
    assertThat(both("<!")).isFalse();
    assertThat(both("")).isFalse();
  }
}
