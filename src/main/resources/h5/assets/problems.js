// What a resident reads when the server refuses something: always Chinese, chosen from the
// problem's type, title and status and the fields it names. The server's English `detail` and
// field messages are for developers; they are never put on the page.

/** Per field, as the order form and the address page name them. */
export const FIELD_MESSAGES = {
  siteCode: '该采样点现在不能下单（可能已暂停接单），请重新选择采样点',
  'patient.name': '请核对就诊人姓名（1 到 30 个字）',
  'patient.idType': '请选择证件类型',
  'patient.idNumber': '证件号码不正确，请核对',
  'patient.phone': '请填写 11 位大陆手机号',
  sampledOn: '采样日期须在最近 14 天内，且不能晚于今天',
  'recipient.name': '请核对收件人姓名（1 到 30 个字）',
  'recipient.phone': '请填写 11 位大陆手机号',
  'recipient.provinceCode': '请选择省份',
  'recipient.cityCode': '所选城市不在该省份内，请重新选择城市',
  'recipient.districtCode': '所选区县不在该城市内，请重新选择区县',
  'recipient.address': '详细地址为 5 到 120 个字',
  copies: '份数为 1 到 3 份',
  remark: '备注最多 200 个字',
};

/** Older names of the same fields (an address sent by name): they land on the pickers. */
const FIELD_ALIASES = {
  'recipient.province': 'recipient.provinceCode',
  'recipient.city': 'recipient.cityCode',
  'recipient.district': 'recipient.districtCode',
};

const BY_TYPE = {
  'duplicate-order': '这位就诊人同一采样日期已有订单，请确认是否还要再下一单',
};

const BY_TITLE = {
  'Idempotency key reused': '订单信息有变化，请返回核对后重新提交',
  'Malformed JSON': '提交的内容有误，请刷新页面后重试',
  'Missing body': '提交的内容有误，请刷新页面后重试',
  'Unsupported media type': '提交的内容有误，请刷新页面后重试',
  'Payload too large': '提交的内容太多，请精简后重试',
  'Sign-in failed': '微信登录失败，请重新进入页面',
  'Reship not cancellable': '这是售后补寄的订单，不能自行取消；如需退款，请提交售后申请',
  'Order not ended': '订单还没有结束，结束后才能删除个人信息',
};

const BY_STATUS = {
  0: '网络不通，请检查网络后重试',
  400: '填写的信息有误，请检查后重试',
  401: '登录已失效，请重新进入页面',
  403: '没有权限进行这项操作',
  404: '没有找到相关内容，请刷新后重试',
  405: '暂不支持这项操作',
  409: '订单状态已经变化，请刷新页面查看',
  422: '提交的内容有误，请检查后重试',
  429: '操作太频繁，请稍等一会儿再试',
  502: '微信服务暂时不可用，请稍后重试',
  503: '服务暂时繁忙，请稍后重试',
};

/** The form field a server field path stands for ("recipient.city" → "recipient.cityCode"). */
export function formField(path) {
  return FIELD_ALIASES[path] || path;
}

/** Chinese for one refused field; `overrides` lets a page say it better for its own case. */
export function fieldMessage(path, overrides = {}) {
  const field = formField(path);
  return overrides[field] || FIELD_MESSAGES[field] || '填写的信息有误，请检查后重试';
}

/** Chinese for the whole answer: by type, then title, then status. */
export function problemMessage(status, problem = {}, overrides = {}) {
  const p = problem || {};
  if (overrides[status]) return overrides[status];
  if (p.type && BY_TYPE[p.type]) return BY_TYPE[p.type];
  if (p.title && BY_TITLE[p.title]) return BY_TITLE[p.title];
  const errors = p.errors || [];
  if (status === 400 && errors.length === 1 && errors[0] && errors[0].field) {
    return fieldMessage(errors[0].field, overrides);
  }
  if (BY_STATUS[status]) return BY_STATUS[status];
  return status >= 500 ? `系统繁忙，请稍后重试（${status}）` : `请求没有成功（${status}），请稍后重试`;
}
