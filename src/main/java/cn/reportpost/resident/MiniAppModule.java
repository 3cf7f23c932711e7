package cn.reportpost.resident;

import cn.reportpost.http.Module;
import cn.reportpost.notify.SubscribeConsents;
import cn.reportpost.privacy.PersonalData;
import io.vertx.ext.web.Router;

import java.util.Set;

/** Residents who come through the mini-program: login, phone number, subscribe consents. Present only when configured. */
public final class MiniAppModule implements Module {

  private final MiniAppClient client;
  private final ResidentModule residents;
  private final PersonalData personal;
  private final SubscribeConsents consents;
  private final Set<String> templates;

  /** {@code templates}: the subscribe-message templates the product sends (empty when none is configured). */
  public MiniAppModule(MiniAppClient client, ResidentModule residents, PersonalData personal, SubscribeConsents consents,
      Set<String> templates) {
    this.client = client;
    this.residents = residents;
    this.personal = personal;
    this.consents = consents;
    this.templates = templates;
  }

  @Override
  public void mount(Router router) {
    new MiniAppRoutes(client, residents.repository(), residents.auth(), personal, consents, templates).mount(router);
  }
}
