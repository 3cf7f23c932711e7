// The one place for what the pages tell residents about getting help.
export const SERVICE_PHONE = {
  number: '11183',
  label: '中国邮政 EMS 客服热线',
};
