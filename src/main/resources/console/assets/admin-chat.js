// ADMIN: the chatbot's keyword rules (highest priority first) and the official account's menu.
import { act, api, el, notice, pagedTable } from './console.js';

const MATCH = { EXACT: '完全一致', CONTAINS: '包含' };

const rules = pagedTable(document.getElementById('rule-list'), {
  empty: '还没有自定义关键词（内置规则仍然生效）',
  load: () => api.get('/api/v1/admin/chat-rules'),
  columns: [
    { label: '关键词', cell: (r) => r.keyword },
    { label: '匹配', cell: (r) => MATCH[r.match] || r.match },
    { label: '优先级', cell: (r) => r.priority, class: 'c-num' },
    { label: '回复', cell: (r) => r.reply },
    { label: '启用', cell: (r) => (r.enabled ? '是' : '否') },
    {
      label: '',
      cell: (r) => el('button', {
        type: 'button',
        class: 'c-danger',
        onclick: (e) => act(e.target, async () => {
          await api.del('/api/v1/admin/chat-rules/' + r.id);
          notice(`已删除关键词“${r.keyword}”`);
          rules.reload();
        }),
      }, '删除'),
    },
  ],
});

const ruleForm = document.getElementById('rule-form');
ruleForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const f = ruleForm.elements;
  act(ruleForm.querySelector('button'), async () => {
    await api.post('/api/v1/admin/chat-rules', {
      keyword: f.keyword.value, match: f.match.value, priority: Number(f.priority.value || 0), reply: f.reply.value,
    });
    notice(`已添加关键词“${f.keyword.value}”，所有服务器立即生效`);
    ruleForm.reset();
    rules.reload();
  });
});

const menuForm = document.getElementById('menu-form');
menuForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = menuForm.elements.menu.value.trim();
  if (text) {
    try {
      JSON.parse(text);
    } catch (err) {
      notice('菜单不是有效的 JSON：' + err.message, true);
      return;
    }
  }
  act(menuForm.querySelector('button'), async () => {
    const published = await api.post('/api/v1/admin/menu', text || null, { contentType: 'application/json' });
    const shown = document.getElementById('menu-published');
    shown.hidden = false;
    shown.textContent = JSON.stringify(published, null, 2);
    notice('菜单已发布');
  });
});

rules.reload();
