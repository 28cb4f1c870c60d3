// <orrery-picker>: picks one value from a list, with keyboard navigation and
// type-ahead. Options come from the container (options property) or from a
// same-origin URL (src attribute); cross-origin URLs are refused and nothing
// is fetched. Record and API: docs/reuse/picker.md
import { OrreryElement, defineOnce } from './orrery-element.js';

const TYPE_AHEAD_MS = 500;
const PAGE_STEP = 10;
const MAX_OPTIONS = 1000;

const CSS = `
.combo {
  display: inline-flex; align-items: center; justify-content: space-between; gap: var(--orrery-space-2);
  min-width: 10rem; cursor: pointer; padding: var(--orrery-space-1) var(--orrery-space-3);
  background: var(--orrery-color-bg); border: var(--orrery-border-width) solid var(--orrery-color-border);
  border-radius: var(--orrery-radius-sm);
}
.combo[aria-busy="true"] .value { color: var(--orrery-color-muted); }
.placeholder { color: var(--orrery-color-muted); }
.wrap { position: relative; display: inline-block; }
.listbox {
  position: absolute; z-index: 10; left: 0; top: calc(100% + var(--orrery-space-1)); min-width: 100%;
  max-height: 16rem; overflow-y: auto; margin: 0; padding: var(--orrery-space-1) 0; list-style: none;
  background: var(--orrery-color-bg); color: var(--orrery-color-text);
  border: var(--orrery-border-width) solid var(--orrery-color-border); border-radius: var(--orrery-radius-sm);
  box-shadow: var(--orrery-shadow);
}
.option { padding: var(--orrery-space-1) var(--orrery-space-3); cursor: pointer; white-space: nowrap; }
.option[aria-selected="true"] { font-weight: var(--orrery-font-weight-bold); }
.option.active { background: var(--orrery-color-selected); outline: var(--orrery-border-width) solid var(--orrery-focus-ring-color); outline-offset: -2px; }
`;

// Accepts strings, numbers, or {value, label}; returns [{value, label}] with string values.
function normalizeOptions(list) {
  if (!Array.isArray(list)) throw new TypeError('orrery-picker: options must be an array');
  return list.slice(0, MAX_OPTIONS).map((item) => {
    if (typeof item === 'string' || typeof item === 'number') return { value: String(item), label: String(item) };
    if (item && (typeof item.value === 'string' || typeof item.value === 'number')) {
      return { value: String(item.value), label: String(item.label ?? item.value) };
    }
    throw new TypeError('orrery-picker: each option is a string or {value, label}');
  });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class OrreryPicker extends OrreryElement {
  static get observedAttributes() {
    return [...super.observedAttributes, 'src', 'value', 'label', 'placeholder'];
  }

  #options = [];
  #value = null;
  #active = -1;
  #typed = '';
  #typedAt = 0;
  #fetch = null;
  #error = null;

  constructor() {
    super();
    this._render(CSS, `
      <span class="label" part="label" id="label">Choose</span>
      <span class="wrap">
        <span class="combo" part="combobox" id="combo" role="combobox" tabindex="0"
              aria-haspopup="listbox" aria-expanded="false" aria-controls="listbox" aria-labelledby="label value">
          <span class="value placeholder" part="value" id="value">Choose…</span><span aria-hidden="true">▾</span>
        </span>
        <ul class="listbox" part="listbox" id="listbox" role="listbox" aria-labelledby="label" tabindex="-1" hidden></ul>
      </span>
      <span class="sr-only" part="status" role="status" aria-live="polite"></span>`);
    const combo = this._$('.combo');
    combo.addEventListener('keydown', (e) => this.#onKey(e));
    combo.addEventListener('click', () => (this.open ? this.#close() : this.#openAt(this.#selectedIndex())));
    combo.addEventListener('blur', () => this.#close());
    const listbox = this._$('.listbox');
    listbox.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus on the combobox
    listbox.addEventListener('click', (e) => {
      const li = e.target.closest('[role="option"]');
      if (li) this.#choose(Number(li.dataset.index));
    });
  }

  connectedCallback() {
    this._upgradeProperties(['options', 'value', 'styleGuide', 'label', 'placeholder']);
    super.connectedCallback();
    if (this.hasAttribute('src') && !this.#fetch) this.#load(this.getAttribute('src'));
  }

  attributeChangedCallback(name, oldValue, newValue) {
    switch (name) {
      case 'src':
        if (this.isConnected && newValue !== null && newValue !== oldValue) this.#load(newValue);
        break;
      case 'value':
        this.#value = newValue;
        this.#renderValue();
        break;
      case 'label':
        this._$('.label').textContent = newValue || 'Choose';
        break;
      case 'placeholder':
        this.#renderValue();
        break;
      default:
        super.attributeChangedCallback(name, oldValue, newValue);
    }
  }

  /** [{value, label}]; accepts strings, numbers or {value, label} when set. */
  get options() { return this.#options.map((o) => ({ ...o })); }
  set options(list) {
    this.#fetch?.abort();
    this.#fetch = null;
    this.#setOptions(normalizeOptions(list));
  }

  /** The selected value (a string) or null. Setting it is programmatic: no event, not dirty. */
  get value() { return this.#value; }
  set value(v) {
    this.#value = v === null || v === undefined ? null : String(v);
    this.#renderValue();
  }

  get selectedLabel() {
    return this.#options.find((o) => o.value === this.#value)?.label ?? null;
  }

  get label() { return this._$('.label').textContent; }
  set label(v) { this.setAttribute('label', String(v)); }

  get placeholder() { return this.getAttribute('placeholder') ?? 'Choose…'; }
  set placeholder(v) { this.setAttribute('placeholder', String(v)); }

  get src() { return this.getAttribute('src'); }
  set src(v) { this.setAttribute('src', String(v)); }

  get open() { return !this._$('.listbox').hidden; }

  /** The last picker-error detail, or null. */
  get error() { return this.#error; }

  serialize() {
    return { v: 1, value: this.#value };
  }

  restore(state) {
    this._checkState(state);
    if (state.value !== null && state.value !== undefined && typeof state.value !== 'string') {
      throw new TypeError('orrery-picker: state.value must be a string or null');
    }
    this.#close();
    this.#value = state.value ?? null;
    this.#renderValue();
    this._setDirty(false);
  }

  // Same-origin rule: only http(s) URLs on this page's origin are fetched.
  #load(src) {
    this.#fetch?.abort();
    this.#fetch = null;
    let url;
    try {
      url = new URL(src, document.baseURI);
    } catch {
      this.#fail({ reason: 'invalid-url', url: src });
      return;
    }
    if (url.origin !== window.location.origin || !/^https?:$/.test(url.protocol)) {
      this.#fail({ reason: 'cross-origin', url: url.href });
      return;
    }
    const controller = new AbortController();
    this.#fetch = controller;
    this._$('.combo').setAttribute('aria-busy', 'true');
    fetch(url.href, { mode: 'same-origin', credentials: 'same-origin', redirect: 'error', signal: controller.signal,
      headers: { accept: 'application/json' } })
      .then(async (response) => {
        if (!response.ok) return this.#fail({ reason: 'http', url: url.href, status: response.status });
        let body;
        try {
          body = await response.json();
          body = normalizeOptions(Array.isArray(body) ? body : body?.options);
        } catch (e) {
          return this.#fail({ reason: 'format', url: url.href, message: String(e.message ?? e) });
        }
        if (controller.signal.aborted) return undefined;
        this.#error = null;
        this.#setOptions(body);
        this._emit('picker-load', { url: url.href, count: body.length });
        return undefined;
      }, (e) => {
        if (!controller.signal.aborted) this.#fail({ reason: 'network', url: url.href, message: String(e.message ?? e) });
      })
      .finally(() => {
        if (this.#fetch === controller) {
          this.#fetch = null;
          this._$('.combo').removeAttribute('aria-busy');
        }
      });
  }

  #fail(detail) {
    this.#error = detail;
    this._emit('picker-error', detail);
  }

  #setOptions(options) {
    this.#options = options;
    const listbox = this._$('.listbox');
    listbox.innerHTML = options.map((o, i) => `<li class="option" part="option" role="option" id="option-${i}" data-index="${i}"`
      + ` aria-selected="false">${escapeHtml(o.label)}</li>`).join('');
    this.#active = -1;
    this.#renderValue();
  }

  #selectedIndex() {
    return this.#options.findIndex((o) => o.value === this.#value);
  }

  #renderValue() {
    const valueEl = this._$('.value');
    const label = this.selectedLabel ?? this.#value;
    valueEl.textContent = label ?? this.placeholder;
    valueEl.classList.toggle('placeholder', label === null);
    const selected = this.#selectedIndex();
    this._$('.listbox').querySelectorAll('[role="option"]').forEach((li, i) => {
      li.setAttribute('aria-selected', String(i === selected));
      li.setAttribute('part', i === selected ? 'option option-selected' : 'option');
    });
  }

  #openAt(index) {
    if (this.#options.length === 0) return;
    this._$('.listbox').hidden = false;
    this._$('.combo').setAttribute('aria-expanded', 'true');
    this.#setActive(index < 0 ? 0 : index);
  }

  #close() {
    this._$('.listbox').hidden = true;
    const combo = this._$('.combo');
    combo.setAttribute('aria-expanded', 'false');
    combo.removeAttribute('aria-activedescendant');
    this.#active = -1;
    this.#typed = '';
  }

  #setActive(index) {
    const count = this.#options.length;
    if (count === 0) return;
    this.#active = Math.max(0, Math.min(count - 1, index));
    const combo = this._$('.combo');
    this._$('.listbox').querySelectorAll('[role="option"]').forEach((li, i) => li.classList.toggle('active', i === this.#active));
    const li = this._$(`#option-${this.#active}`);
    combo.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView?.({ block: 'nearest' });
  }

  #choose(index) {
    const option = this.#options[index];
    this.#close();
    if (!option || option.value === this.#value) return;
    const previousValue = this.#value;
    this.#value = option.value;
    this.#renderValue();
    this._$('[role="status"]').textContent = `${option.label} selected`;
    this._emit('picker-change', { value: option.value, label: option.label, previousValue, index });
    this._setDirty(true);
  }

  // Type-ahead: characters typed within 500 ms form a prefix; repeating one
  // character cycles through the options that start with it.
  #typeAhead(char) {
    const now = Date.now();
    this.#typed = now - this.#typedAt > TYPE_AHEAD_MS ? char : this.#typed + char;
    this.#typedAt = now;
    const typed = this.#typed.toLowerCase();
    const cycling = [...typed].every((c) => c === typed[0]);
    const prefix = cycling ? typed[0] : typed;
    const count = this.#options.length;
    const from = this.#active < 0 ? this.#selectedIndex() : this.#active;
    const offset = cycling ? 1 : 0;
    for (let i = 0; i < count; i++) {
      const index = (Math.max(from, 0) + offset + i + count) % count;
      if (this.#options[index].label.toLowerCase().startsWith(prefix)) return index;
    }
    return -1;
  }

  #onKey(e) {
    if (e.altKey && e.key === 'ArrowDown') { e.preventDefault(); this.#openAt(this.#selectedIndex()); return; }
    const isOpen = this.open;
    const last = this.#options.length - 1;
    const printable = e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey;
    const typing = this.#typed !== '' && Date.now() - this.#typedAt <= TYPE_AHEAD_MS;
    if (printable && (e.key !== ' ' || typing)) {
      e.preventDefault();
      const index = this.#typeAhead(e.key);
      if (!isOpen) this.#openAt(index >= 0 ? index : this.#selectedIndex());
      else if (index >= 0) this.#setActive(index);
      return;
    }
    if (!isOpen) {
      if (['ArrowDown', 'ArrowUp', 'Enter', ' '].includes(e.key)) { e.preventDefault(); this.#openAt(this.#selectedIndex()); }
      else if (e.key === 'Home') { e.preventDefault(); this.#openAt(0); }
      else if (e.key === 'End') { e.preventDefault(); this.#openAt(last); }
      return;
    }
    const moves = { ArrowDown: this.#active + 1, ArrowUp: this.#active - 1, Home: 0, End: last,
      PageDown: this.#active + PAGE_STEP, PageUp: this.#active - PAGE_STEP };
    if (e.key === 'Enter' || e.key === ' ' || (e.altKey && e.key === 'ArrowUp')) { e.preventDefault(); this.#choose(this.#active); }
    else if (e.key in moves) { e.preventDefault(); this.#setActive(moves[e.key]); }
    else if (e.key === 'Escape') { e.preventDefault(); this.#close(); }
    else if (e.key === 'Tab') { this.#close(); }
  }
}

defineOnce('orrery-picker', OrreryPicker);
