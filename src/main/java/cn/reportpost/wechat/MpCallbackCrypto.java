package cn.reportpost.wechat;

import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;

/** Safe mode (AES) of the official-account callback, with the account's EncodingAESKey. */
public final class MpCallbackCrypto {

  private final WxMpCryptUtil crypt;

  MpCallbackCrypto(WxMpConfigStorage config) {
    this.crypt = new WxMpCryptUtil(config);
  }

  /** The message inside WeChat's envelope; throws when the signature or the key does not fit. */
  public String open(String msgSignature, String timestamp, String nonce, String body) {
    return crypt.decryptXml(msgSignature, timestamp, nonce, body);
  }

  /** The reply sealed in WeChat's envelope. */
  public String seal(String xml) {
    return crypt.encrypt(xml);
  }
}
