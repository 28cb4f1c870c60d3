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

// The gateway answers 401 when the session is gone: say so, with a link that signs in and comes back to this page
// (reloading would only lose the chosen file on the way through the login form).
function showSignedOut() {
  let notice = document.querySelector('.profile-signed-out');
  if (!notice) {
    notice = document.createElement('p');
    notice.className = 'profile-signed-out';
    notice.setAttribute('role', 'alert');
    avatarForm.before(notice);
  }
  const link = document.createElement('a');
  link.href = location.pathname + location.search;
  link.textContent = 'Sign in again';
  notice.replaceChildren('You are signed out. ', link, ', then choose the picture once more.');
}

avatarForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const response = await fetch(avatarForm.action, {
    method: 'POST', body: new FormData(avatarForm), credentials: 'same-origin', redirect: 'manual',
    headers: { 'X-Orrery-CSRF': csrfToken() },
  });
  if (response.status === 401) {
    showSignedOut();
    return;
  }
  location.reload();
});

enhanceSelects().catch((e) => console.warn('profile page: widgets unavailable, plain selects kept', e));
