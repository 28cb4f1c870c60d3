// Progressive enhancement of the profile page. Without this script both forms post as plain HTML forms.
// 1. Each <select data-picker-label> gets a shared <orrery-picker> that writes its choice back into the (then
//    hidden) select, so the form posts exactly as it does without JS.
// 2. The avatar form is multipart; the gateway reads its CSRF field only from urlencoded bodies, so the file is
//    sent with the CSRF header instead, then the page is reloaded to show the outcome.
const form = document.querySelector('form[data-profile-form]');
const avatarForm = document.querySelector('form[data-avatar-form]');

async function enhanceSelects() {
  if (!form || !form.dataset.picker) return;
  await import(form.dataset.picker);
  for (const select of form.querySelectorAll('select[data-picker-label]')) {
    const picker = document.createElement('orrery-picker');
    picker.setAttribute('label', select.dataset.pickerLabel);
    picker.options = [...select.options].map((o) => ({ value: o.value, label: o.textContent }));
    picker.value = select.value;
    picker.addEventListener('picker-change', (e) => { select.value = e.detail.value; });
    select.hidden = true;
    select.before(picker);
  }
}

function csrfToken() {
  return document.querySelector('meta[name="orrery-csrf"]')?.content ?? '';
}

avatarForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  await fetch(avatarForm.action, {
    method: 'POST', body: new FormData(avatarForm), credentials: 'same-origin', redirect: 'manual',
    headers: { 'X-Orrery-CSRF': csrfToken() },
  });
  location.reload();
});

enhanceSelects().catch((e) => console.warn('profile page: widgets unavailable, plain selects kept', e));
