// /h5/help[?site=CODE]: the test site's phone (the site of the order the resident came from, or
// last looked at) and the EMS hotline from config.js, the one place it is written.
import { get, show, param, rememberedSite, dial } from './api.js';
import { loadDraft } from './form.js';
import { SERVICE_PHONE } from './config.js';


show('service-phone-label', SERVICE_PHONE.label);
show('service-phone-number', SERVICE_PHONE.number);
document.getElementById('service-phone').href = dial(SERVICE_PHONE.number);

async function showSite() {
  const draft = loadDraft();
  const code = param('site') || rememberedSite() || (draft && draft.site && draft.site.code);
  if (!code) return;
  const site = await get('/api/v1/sites/' + encodeURIComponent(code));
  if (!site.contactPhone) return;
  show('site-phone-label', `${site.name}（采样点）`);
  show('site-phone-number', site.contactPhone);
  document.getElementById('site-phone').href = dial(site.contactPhone);
  document.getElementById('site-phone').hidden = false;
}

// The site's phone is a help, not the page: without it the EMS hotline still stands.
showSite().catch(() => {});
