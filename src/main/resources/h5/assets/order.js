// /h5/order?site=<code>: the poster's page. City and site are preselected from the site code;
// everything typed is kept in sessionStorage so going back from the review page loses nothing.
import { get, requireSession, param, show, yuan, showError, dial } from './api.js';
import { todayInBeijing, daysBefore, MAX_SAMPLE_AGE_DAYS, feeFor } from './validate.js';
import { bindForm, ORDER_RULES, loadDraft, saveValues, storeDraft } from './form.js';
import { bindPicker } from './divisions.js';

const form = document.getElementById('order-form');
const citySelect = document.getElementById('f-city');
const siteSelect = document.getElementById('f-site');
const nextButton = document.getElementById('next-button');
/** The chosen site as GET /api/v1/sites/{code} answers it (with its city and province). */
let site = null;

const fields = bindForm(form, ORDER_RULES, (values) => {
  saveValues(values, site);
  renderFee();
});
const picker = bindPicker(form);
/** Shanxi: where every site is, and where most reports go. */
const HOME_PROVINCE_CODE = '14';

function setOptions(select, items, placeholder) {
  select.replaceChildren(new Option(placeholder, ''), ...items.map(([value, label]) => new Option(label, value)));
}

function renderSite() {
  if (!site) {
    show('site-name', siteSelect.value ? '正在加载采样点…' : '请选择采样点');
    show('site-address', '\u00a0');
    show('site-fee', '\u00a0');
  } else {
    show('site-name', site.name);
    show('site-address', site.address);
    if (site.contactPhone) show('site-phone', site.contactPhone).href = dial(site.contactPhone);
    show('site-fee', site.accepting
      ? `邮寄费 ${yuan(site.feeFen)}，寄往${site.city.province}以外 ${yuan(site.outOfProvinceFeeFen)}`
      : '该采样点暂停接单，请选择其他采样点');
  }
  document.getElementById('site-phone-line').hidden = !(site && site.contactPhone);
  document.getElementById('site-card').classList.toggle('h5-site_closed', Boolean(site && !site.accepting));
  nextButton.disabled = !site || !site.accepting;
  // A disabled button says why, so a resident who changed the city knows what is missing.
  let why = '';
  if (!site) why = citySelect.value ? '请先选择采样点，才能进行下一步' : '请先选择城市和采样点，才能进行下一步';
  else if (!site.accepting) why = '该采样点暂停接单，请选择其他采样点';
  show('next-hint', why).hidden = !why;
  renderFee();
}

function renderFee() {
  const province = fields.field('recipient.province').value;
  if (!site) {
    show('total-fee', '—');
    return;
  }
  const fee = feeFor(site, province, site.city.province);
  const away = province && province !== site.city.province;
  show('total-fee', yuan(fee) + (away ? '（省外）' : ''));
}

async function loadSites(cityCode) {
  siteSelect.disabled = true;
  setOptions(siteSelect, [], cityCode ? '正在加载…' : '请先选择城市');
  if (cityCode) {
    const sites = await get(`/api/v1/cities/${encodeURIComponent(cityCode)}/sites`);
    setOptions(siteSelect, sites.map((s) => [s.code, s.accepting ? s.name : `${s.name}（暂停接单）`]), '请选择采样点');
  }
  siteSelect.disabled = false;
}

async function chooseSite(code) {
  site = null;
  renderSite();
  if (code) {
    site = await get('/api/v1/sites/' + encodeURIComponent(code));
  }
  renderSite();
  saveValues(fields.values(), site);
}

async function start() {
  const draft = loadDraft();
  const wanted = param('site') || (draft && draft.values && draft.values.siteCode) || '';
  const [cities, wantedSite] = await Promise.all([
    get('/api/v1/cities'),
    wanted ? get('/api/v1/sites/' + encodeURIComponent(wanted)).catch(() => null) : null,
  ]);
  setOptions(citySelect, cities.map((c) => [c.code, c.name]), '请选择城市');
  if (draft && draft.values) {
    fields.fill(draft.values);
    const v = draft.values;
    await picker.set({
      provinceCode: v['recipient.provinceCode'], cityCode: v['recipient.cityCode'], districtCode: v['recipient.districtCode'],
    });
  } else {
    await picker.set({ provinceCode: HOME_PROVINCE_CODE });
  }
  if (wanted && !wantedSite) {
    showError('page-error', `没有找到采样点 ${wanted}，请在下面选择城市和采样点。`);
  }
  citySelect.value = wantedSite ? wantedSite.city.code : '';
  await loadSites(citySelect.value);
  siteSelect.value = wantedSite ? wantedSite.code : '';
  site = wantedSite;
  renderSite();
  saveValues(fields.values(), site);
  if (draft && draft.serverErrors) {
    // The server refused the order on the review page: show why, next to each field.
    const rest = fields.showErrors(draft.serverErrors);
    if (rest.length) showError('page-error', rest.join('；'));
    storeDraft({ ...loadDraft(), serverErrors: undefined });
  }
}

/** The date picker offers only the days a report may be mailed for: never a future day. */
function setUpDate() {
  const today = todayInBeijing();
  const date = fields.field('sampledOn');
  date.max = today;
  date.min = daysBefore(today, MAX_SAMPLE_AGE_DAYS);
  // Some pickers (older WeChat on Android) ignore max: a later day typed in is taken back.
  date.addEventListener('change', () => {
    if (date.value && date.value > date.max) date.value = '';
  });
}

citySelect.addEventListener('change', () => {
  loadSites(citySelect.value).then(() => chooseSite('')).catch((e) => showError('page-error', e));
});
siteSelect.addEventListener('change', () => {
  chooseSite(siteSelect.value).catch((e) => showError('page-error', e));
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (fields.validateAll() || !site || !site.accepting) return;
  saveValues(fields.values(), site);
  location.href = '/h5/confirm';
});

setUpDate();
start().catch((e) => showError('page-error', e));
// The catalog is public, so the form never waits for sign-in; a resident without a session is
// sent through WeChat sign-in now (401) rather than after typing. Any other failure is met
// again, and reported, when the order is sent.
requireSession().catch(() => {});
