// ADMIN: each site's poster (PNG, PDF) and the code it carries; a city's posters as one ZIP.
import { act, api, el, notice, pagedTable } from './console.js';

const CODES = { MP_QR: '公众号二维码', MA_CODE: '小程序码' };

function codeChooser(site) {
  const select = el('select', { 'aria-label': `${site.code} 的二维码类型` },
    Object.entries(CODES).map(([v, label]) => el('option', { value: v, selected: site.posterCode === v }, label)));
  select.addEventListener('change', () => act(select, async () => {
    await api.put(`/api/v1/admin/sites/${encodeURIComponent(site.code)}/poster-code`, { posterCode: select.value });
    notice(`${site.name} 的海报改为${CODES[select.value]}`);
  }));
  return select;
}

const path = (site, kind) => `/api/v1/admin/sites/${encodeURIComponent(site.code)}/poster.${kind}`;

pagedTable(document.getElementById('poster-list'), {
  load: () => api.get('/api/v1/admin/sites'),
  columns: [
    { label: '代码', cell: (s) => s.code },
    { label: '网点', cell: (s) => s.name },
    { label: '城市', cell: (s) => s.cityName || s.cityCode },
    { label: '二维码', cell: codeChooser },
    {
      label: '下载',
      cell: (s) => el('span', { class: 'c-toolbar' },
        el('a', { class: 'c-button', href: path(s, 'png'), target: '_blank', rel: 'noopener' }, '图片'),
        el('a', { class: 'c-button', href: path(s, 'pdf'), target: '_blank', rel: 'noopener' }, 'PDF')),
    },
  ],
}).reload();

act(null, async () => {
  const cities = await api.get('/api/v1/cities');
  document.getElementById('city-zips').replaceChildren(...cities.map((c) => el('a', {
    class: 'c-button', href: `/api/v1/admin/cities/${encodeURIComponent(c.code)}/posters.zip`,
  }, c.name)));
});
