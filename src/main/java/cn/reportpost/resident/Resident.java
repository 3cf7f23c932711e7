package cn.reportpost.resident;

/**
 * A signed-in resident: who they are to us, the openid of the channel they came through (the
 * payer openid for WeChat Pay) and that channel's appid.
 */
public record Resident(long id, String openid, Channel channel, String appId) {

  public enum Channel { MP, MINIAPP }
}
