// The cascading province → city → district picker, fed by the product's own copy of the GB/T 2260
// division data (GET /api/v1/divisions). The selects hold codes; hidden fields beside them hold
// the names, so what is typed, kept in the draft and shown on the review page reads as an address.
import { get } from './api.js';

const children = new Map();

function load(code) {
  const path = code ? '/api/v1/divisions/' + encodeURIComponent(code) : '/api/v1/divisions';
  if (!children.has(path)) {
    children.set(path, get(path).then((answer) => (code ? answer.children : answer)).catch((e) => {
      children.delete(path);
      throw e;
    }));
  }
  return children.get(path);
}

function setOptions(select, list, placeholder) {
  select.replaceChildren(new Option(placeholder, ''), ...list.map((d) => {
    const option = new Option(d.label || d.name, d.code);
    option.dataset.name = d.name;
    return option;
  }));
}

export function bindPicker(form) {
  const field = (name) => form.querySelector(`[name="${name}"]`);
  const levels = [
    [field('recipient.provinceCode'), field('recipient.province'), '请选择省份'],
    [field('recipient.cityCode'), field('recipient.city'), '请选择城市'],
    [field('recipient.districtCode'), field('recipient.district'), '请选择区县'],
  ];

  function copyName(level) {
    const [select, name] = levels[level];
    const option = select.selectedOptions[0];
    name.value = option && option.value ? option.dataset.name : '';
  }

  /** Fills the level below `level` for the code chosen at `level`, and empties the rest. */
  async function below(level, code) {
    for (let i = level + 1; i < levels.length; i++) {
      const [select, name] = levels[i];
      setOptions(select, [], i === level + 1 && code ? '正在加载…' : `请先选择${i === 1 ? '省份' : '城市'}`);
      name.value = '';
    }
    if (level + 1 < levels.length && code) {
      setOptions(levels[level + 1][0], await load(code), levels[level + 1][2]);
    }
  }

  levels.forEach(([select], level) => {
    select.addEventListener('change', () => {
      copyName(level);
      const wait = below(level, select.value);
      wait.then(() => form.dispatchEvent(new Event('input', { bubbles: true }))).catch(() => {});
    });
  });

  /** Chooses the option with this code or, failing that, this name (an order made before codes). */
  function pick(level, code, name) {
    const [select] = levels[level];
    const option = [...select.options].find((o) => o.value && (o.value === code || (!code && o.dataset.name === name)));
    select.value = option ? option.value : '';
    copyName(level);
    return select.value;
  }

  const ready = load('').then((provinces) => setOptions(levels[0][0], provinces, levels[0][2]));

  return {
    ready,
    /** Sets a whole place: {provinceCode, cityCode, districtCode} and/or {province, city, district}. */
    async set(place) {
      await ready;
      const province = pick(0, place.provinceCode, place.province);
      await below(0, province);
      const city = province ? pick(1, place.cityCode, place.city) : '';
      await below(1, city);
      if (city) pick(2, place.districtCode, place.district);
    },
  };
}
