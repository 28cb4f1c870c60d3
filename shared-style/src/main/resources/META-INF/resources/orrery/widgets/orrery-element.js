// Base class of the Orrery widgets: Shadow DOM with the style-guide tokens,
// theming by style-guide name, the dirty flag, and the state attribute.
// Not a component on its own; see orrery-timer.js and orrery-picker.js.
import { DEFAULT_STYLE_GUIDE, isStyleGuide } from './style-guides.js';

const TOKENS_URL = new URL('../style/tokens.css', import.meta.url).href;

const SHARED_CSS = `
:host { display: inline-block; font-family: var(--orrery-font-family); color: var(--orrery-color-text); }
:host([hidden]) { display: none; }
.base {
  display: inline-flex; align-items: center; flex-wrap: wrap; gap: var(--orrery-space-2);
  box-sizing: border-box; padding: var(--orrery-space-2) var(--orrery-space-3);
  background: var(--orrery-color-surface); color: var(--orrery-color-text);
  border: var(--orrery-border-width) solid var(--orrery-color-border);
  border-radius: var(--orrery-radius-md);
  font-size: var(--orrery-font-size-md); font-weight: var(--orrery-font-weight-normal);
  line-height: var(--orrery-line-height);
}
.label { font-weight: var(--orrery-font-weight-bold); }
button {
  font: inherit; cursor: pointer; color: var(--orrery-color-text); background: var(--orrery-color-bg);
  border: var(--orrery-border-width) solid var(--orrery-color-border); border-radius: var(--orrery-radius-sm);
  padding: var(--orrery-space-1) var(--orrery-space-3);
}
button.primary { background: var(--orrery-color-accent); color: var(--orrery-color-accent-text); border-color: var(--orrery-color-accent); }
button[disabled] { cursor: not-allowed; opacity: 0.55; }
:focus-visible { outline: var(--orrery-focus-ring-width) solid var(--orrery-focus-ring-color); outline-offset: var(--orrery-focus-ring-offset); }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
[hidden] { display: none !important; }
`;

const connected = new Set();
let observer = null;

function watchStyleGuides() {
  if (observer) return;
  observer = new MutationObserver(() => connected.forEach((el) => el._applyStyleGuide()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-style-guide'], subtree: true });
}

// The style guide named by the nearest [data-style-guide] ancestor, crossing
// shadow roots; null when there is none.
function inheritedStyleGuide(element) {
  let node = element.parentNode;
  while (node) {
    if (node instanceof ShadowRoot) node = node.host;
    if (node.nodeType === Node.ELEMENT_NODE && isStyleGuide(node.getAttribute('data-style-guide'))) {
      return node.getAttribute('data-style-guide');
    }
    node = node.parentNode;
  }
  return null;
}

export class OrreryElement extends HTMLElement {
  static get observedAttributes() {
    return ['style-guide', 'state'];
  }

  #dirty = false;
  #pendingState = null;
  #upgraded = false;

  // Renders the shadow tree: the tokens, the shared and the widget CSS, and
  // the widget markup inside <div part="base">.
  _render(css, html) {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<link rel="stylesheet" href="${TOKENS_URL}"><style>${SHARED_CSS}${css}</style>`
      + `<div class="base" part="base">${html}</div>`;
    this._base = root.querySelector('.base');
    this._applyStyleGuide();
  }

  _$(selector) {
    return this.shadowRoot.querySelector(selector);
  }

  connectedCallback() {
    this.#upgraded = true;
    connected.add(this);
    watchStyleGuides();
    this._applyStyleGuide();
    if (this.#pendingState !== null) this.#restoreFromAttribute();
  }

  disconnectedCallback() {
    connected.delete(this);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name === 'style-guide') {
      this._applyStyleGuide();
    } else if (name === 'state' && newValue !== null) {
      // At upgrade every attribute arrives before connectedCallback; the state
      // is applied after all of them so that it wins over duration/value.
      this.#pendingState = newValue;
      if (this.#upgraded) this.#restoreFromAttribute();
    }
  }

  #restoreFromAttribute() {
    const text = this.#pendingState;
    this.#pendingState = null;
    try {
      this.restore(JSON.parse(text));
    } catch (e) {
      console.error(`${this.localName}: ignoring invalid state attribute`, e);
    }
  }

  // Properties set before the element was upgraded shadow the accessors;
  // re-apply them through the setters.
  _upgradeProperties(names) {
    for (const name of names) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
  }

  /** The effective style guide: own attribute, else the nearest [data-style-guide], else daylight. */
  get styleGuide() {
    const own = this.getAttribute('style-guide');
    return isStyleGuide(own) ? own : (inheritedStyleGuide(this) ?? DEFAULT_STYLE_GUIDE);
  }

  set styleGuide(name) {
    if (name === null || name === undefined || name === '') this.removeAttribute('style-guide');
    else this.setAttribute('style-guide', String(name));
  }

  _applyStyleGuide() {
    if (!this._base) return;
    const own = this.getAttribute('style-guide');
    // Without an own guide the tokens inherit through the shadow boundary, so a
    // page switch is instant; pin a guide only when asked to or when nothing is inherited.
    const pinned = isStyleGuide(own) ? own : (inheritedStyleGuide(this) ? null : DEFAULT_STYLE_GUIDE);
    if (pinned) this._base.setAttribute('data-style-guide', pinned);
    else this._base.removeAttribute('data-style-guide');
  }

  /** True after a user change, until markClean() or restore(). */
  get dirty() {
    return this.#dirty;
  }

  markClean() {
    this._setDirty(false);
  }

  _setDirty(value) {
    if (this.#dirty === value) return;
    this.#dirty = value;
    this._emit('dirty-change', { dirty: value });
  }

  /** The serialized state (same as serialize()); assigning restores. */
  get state() {
    return this.serialize();
  }

  set state(value) {
    this.restore(typeof value === 'string' ? JSON.parse(value) : value);
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  _checkState(state) {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw new TypeError(`${this.localName}: state must be an object`);
    }
    if (state.v !== undefined && state.v !== 1) {
      throw new TypeError(`${this.localName}: unsupported state version ${state.v}`);
    }
  }
}

export function defineOnce(name, constructor) {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
