// Progressive enhancement of the profile form: each <select data-picker-label> gets a shared <orrery-picker>
// that writes its choice back into the (then hidden) select, so the form posts exactly as it does without JS.
const form = document.querySelector('form[data-profile-form]');

async function enhance() {
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

enhance().catch((e) => console.warn('profile page: widgets unavailable, plain form kept', e));
