// /: the landing page. A resident who left the order form half filled in this tab may go on.
import { loadDraft } from './form.js';

const draft = loadDraft();
if (draft && draft.values && draft.site && !draft.orderNo) {
  const link = document.getElementById('draft-link');
  link.href = '/h5/order?site=' + encodeURIComponent(draft.site.code);
  link.hidden = false;
}
