// The server's order rules (PRODUCT.md §2), checked as the resident types. The server checks
// again; each function answers a message for the resident, or '' when the value is fine.

export const HOME_PROVINCE = '山西省';
export const MAX_SAMPLE_AGE_DAYS = 14;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
/** GB/T 2260 province codes, plus those on Hong Kong, Macao and Taiwan residents' permits. */
const ID_REGIONS = new Set(('11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 '
  + '50 51 52 53 54 61 62 63 64 65 71 81 82 83').split(' '));
const DOCUMENT_SHAPES = {
  PASSPORT: [/^[A-Z0-9]{5,17}$/, '护照号应为 5 到 17 位字母或数字'],
  HK_MACAO_PERMIT: [/^(C[A-Z0-9]\d{7}|[HM]\d{8}(\d{2})?)$/, '应为 C 加 8 位，或 H、M 加 8 位或 10 位数字'],
  TAIWAN_PERMIT: [/^\d{8}(\d{2})?$/, '应为 8 位数字（或 10 位）'],
};

/** Length in characters as people count them (a rare CJK character is one, not two). */
const length = (text) => [...text].length;

export function text(value, min, max, what) {
  const n = length(value.trim());
  if (n === 0) return `请填写${what}`;
  if (n < min) return `${what}至少 ${min} 个字`;
  if (n > max) return `${what}最多 ${max} 个字`;
  return '';
}

export const normaliseId = (raw) => raw.trim().toUpperCase();

export function idCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

function realDate(y, m, d) {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

export function idNumber(type, raw, today = todayInBeijing()) {
  const value = normaliseId(raw);
  if (!value) return '请填写证件号码';
  if (type !== 'ID_CARD') {
    const shape = DOCUMENT_SHAPES[type];
    if (!shape) return '请选择证件类型';
    return shape[0].test(value) ? '' : shape[1];
  }
  if (!/^\d{17}[\dX]$/.test(value)) return '身份证号应为 18 位：17 位数字加 1 位校验码（0-9 或 X）';
  if (!ID_REGIONS.has(value.slice(0, 2))) return '身份证号开头的地区码不对，请核对';
  const birth = realDate(+value.slice(6, 10), +value.slice(10, 12), +value.slice(12, 14));
  if (!birth || birth < realDate(1900, 1, 1) || birth > parseDate(today)) return '身份证号中的出生日期不对，请核对';
  if (idCheckChar(value) !== value[17]) return '身份证号校验位不对，请核对是否输错';
  return '';
}

/** 11 digits, accepting spaces, dashes and +86 / 0086 / 86 in front, as the server does. */
export function normaliseMobile(raw) {
  let digits = raw.replace(/[\s\u3000-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return digits;
}

export function mobile(raw) {
  if (!raw.trim()) return '请填写手机号';
  return /^1[3-9]\d{9}$/.test(normaliseMobile(raw)) ? '' : '请填写 11 位大陆手机号';
}

export function todayInBeijing(now = new Date()) {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

function parseDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? realDate(+m[1], +m[2], +m[3]) : null;
}

export function daysBefore(iso, days) {
  const d = parseDate(iso);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export function sampledOn(value, today = todayInBeijing()) {
  if (!value) return '请选择采样日期';
  if (!parseDate(value)) return '采样日期格式应为 年-月-日';
  if (value > today) return '采样日期不能晚于今天';
  if (value < daysBefore(today, MAX_SAMPLE_AGE_DAYS)) return `只能邮寄最近 ${MAX_SAMPLE_AGE_DAYS} 天内采样的报告`;
  return '';
}

export function copies(value) {
  return ['1', '2', '3'].includes(String(value)) ? '' : '份数为 1 到 3 份';
}

export function remark(value) {
  return length(value) > 200 ? '备注最多 200 个字' : '';
}

/** The fee for a destination: the out-of-province fee outside the site's province, when it has one. */
export function feeFor(site, destinationProvince, siteProvince = HOME_PROVINCE) {
  const away = destinationProvince && destinationProvince !== siteProvince;
  return away && site.outOfProvinceFeeFen != null ? site.outOfProvinceFeeFen : site.feeFen;
}
