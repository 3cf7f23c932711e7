package cn.reportpost.chat;

import cn.reportpost.catalog.City;
import cn.reportpost.catalog.PosterCode;
import cn.reportpost.catalog.Site;
import cn.reportpost.config.InvalidSettingException;
import cn.reportpost.api.ProblemException;
import cn.reportpost.print.PosterData;
import cn.reportpost.wechat.MaApi;
import cn.reportpost.wechat.MpApi;
import cn.reportpost.wechat.WeChatException;
import io.vertx.core.Future;

import java.util.Optional;
import java.util.Set;

/**
 * The code on each site's poster, as the site's setting says, with the site code as the scene
 * either way: the official account's permanent parametric QR code, whose scan opens the chat with
 * the site chosen, or the mini-program's unlimited code, whose scan opens {@code page} of the
 * mini-program with the site chosen.
 */
final class PosterCodes {

  private static final Set<String> ENV_VERSIONS = Set.of("release", "trial", "develop");

  private final MpApi mp;
  private final Optional<MaApi> ma;
  private final String page;
  private final String envVersion;

  /** {@code ma} is absent when this server runs without a mini-program. */
  PosterCodes(MpApi mp, Optional<MaApi> ma, String page, String envVersion) {
    // WeChat refuses both on every call; an operator learns it at start instead.
    if (page.startsWith("/") || page.contains("?")) {
      throw new InvalidSettingException("WX_MA_POSTER_PAGE must be a mini-program page such as pages/order/order,"
          + " without a leading / or a query (the site code is the scene), got '" + page + "'");
    }
    if (!ENV_VERSIONS.contains(envVersion)) {
      throw new InvalidSettingException("WX_MA_POSTER_ENV_VERSION must be release, trial or develop, got '"
          + envVersion + "'");
    }
    this.mp = mp;
    this.ma = ma;
    this.page = page;
    this.envVersion = envVersion;
  }

  /** Refuses, with 409, a mini-program code on a server that has no mini-program. */
  void requireAvailable(String siteCode, PosterCode code) {
    if (code == PosterCode.MA_CODE && ma.isEmpty()) {
      throw ProblemException.conflict("site " + siteCode + "'s poster is to carry a mini-program code (MA_CODE),"
          + " but this server has no mini-program: set WX_MA_APP_ID and WX_MA_SECRET, or choose MP_QR");
    }
  }

  /** The poster of {@code site}, or a 502 naming the site when WeChat fails; throws {@link #requireAvailable}'s 409. */
  Future<PosterData> poster(Site site, City city) {
    requireAvailable(site.code(), site.posterCode());
    if (site.posterCode() == PosterCode.MA_CODE) {
      return ma.orElseThrow().unlimitedCode(site.code(), page, envVersion)
          .map(png -> PosterData.withMiniProgramCode(site.code(), site.name(), city.name(), site.feeFen(), png))
          .recover(e -> Future.failedFuture(badGateway(site, "mini-program code", e)));
    }
    // WeChat's answer says its URL is what the code decodes to and may be drawn by the developer:
    // vector modules at print resolution instead of a 430-pixel picture scaled up.
    return mp.permanentQr(site.code())
        .map(qr -> PosterData.withQrText(site.code(), site.name(), city.name(), site.feeFen(), qr.url()))
        .recover(e -> Future.failedFuture(badGateway(site, "permanent QR code", e)));
  }

  private Throwable badGateway(Site site, String what, Throwable e) {
    if (!(e instanceof WeChatException w)) {
      return e;
    }
    String hint = "41030".equals(w.code())
        ? " (WX_MA_POSTER_PAGE " + page + " is not a page of the mini-program's " + envVersion + " build)" : "";
    return new ProblemException(502, "Bad Gateway",
        "WeChat did not give site " + site.code() + "'s " + what + ": " + w.getMessage() + hint);
  }
}
