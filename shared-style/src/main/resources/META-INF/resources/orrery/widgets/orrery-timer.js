// <orrery-timer>: a countdown timer. Internal Start/Stop/Reset buttons; the
// page sees only semantic events. Record and API: docs/reuse/timer.md
import { OrreryElement, defineOnce } from './orrery-element.js';

const STATUSES = ['idle', 'running', 'paused', 'finished'];
const DEFAULT_DURATION = 60;
const MAX_DURATION = 359999; // 99:59:59

const CSS = `
.display { font-family: var(--orrery-font-mono); font-size: var(--orrery-font-size-xl); font-variant-numeric: tabular-nums; min-width: 5ch; }
.controls { display: inline-flex; gap: var(--orrery-space-1); }
[data-status="finished"] .display { color: var(--orrery-color-success); }
`;

function parseDuration(value) {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), MAX_DURATION) : null;
}

function format(ms) {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

export class OrreryTimer extends OrreryElement {
  static get observedAttributes() {
    return [...super.observedAttributes, 'duration', 'label'];
  }

  #duration = DEFAULT_DURATION;
  #remainingMs = DEFAULT_DURATION * 1000;
  #status = 'idle';
  #endsAt = null;
  #tick = null;

  constructor() {
    super();
    this._render(CSS, `
      <span class="label" part="label" id="label">Timer</span>
      <span class="display" part="display" id="display" role="timer" aria-labelledby="label display">01:00</span>
      <span class="controls" part="controls" role="group" aria-labelledby="label">
        <button type="button" class="start primary" part="button start-button">Start</button>
        <button type="button" class="stop" part="button stop-button" disabled>Stop</button>
        <button type="button" class="reset" part="button reset-button">Reset</button>
      </span>
      <span class="sr-only" part="status" role="status" aria-live="polite"></span>
      <span class="sr-only" part="alert" role="alert" aria-live="assertive"></span>`);
    this._$('.start').addEventListener('click', () => this.#userAction(() => this.#start()));
    this._$('.stop').addEventListener('click', () => this.#userAction(() => this.#stop('stop')));
    this._$('.reset').addEventListener('click', () => this.#userAction(() => this.#reset()));
    this.#render();
  }

  connectedCallback() {
    this._upgradeProperties(['duration', 'styleGuide', 'label']);
    super.connectedCallback();
    if (this.#status === 'running') this.#schedule();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#tick);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name === 'duration') {
      const d = parseDuration(newValue);
      this.#setDuration(d ?? DEFAULT_DURATION);
    } else if (name === 'label') {
      this._$('.label').textContent = newValue || 'Timer';
    } else {
      super.attributeChangedCallback(name, oldValue, newValue);
    }
  }

  /** Seconds; applies at once when idle, otherwise at the next reset. */
  get duration() { return this.#duration; }
  set duration(value) {
    const d = parseDuration(value);
    if (d === null) throw new RangeError(`orrery-timer: duration must be a positive number of seconds, got ${value}`);
    this.setAttribute('duration', String(d));
  }

  get label() { return this._$('.label').textContent; }
  set label(value) { this.setAttribute('label', String(value)); }

  /** 'idle' | 'running' | 'paused' | 'finished' */
  get status() { return this.#status; }

  /** Milliseconds left. */
  get remaining() { return this.#currentRemaining(); }

  /** Programmatic controls: same events as the buttons, but never make the timer dirty. */
  start() { return this.#start(); }
  stop() { return this.#stop('stop'); }
  reset() { return this.#reset(); }

  serialize() {
    const state = { v: 1, duration: this.#duration, status: this.#status, remainingMs: this.#currentRemaining() };
    if (this.#status === 'running') state.endsAt = this.#endsAt;
    return state;
  }

  restore(state) {
    this._checkState(state);
    const duration = parseDuration(state.duration);
    if (duration === null) throw new TypeError('orrery-timer: state.duration must be a positive number');
    if (!STATUSES.includes(state.status)) throw new TypeError(`orrery-timer: unknown state.status ${state.status}`);
    let remaining = Number(state.remainingMs ?? duration * 1000);
    if (!Number.isFinite(remaining) || remaining < 0) throw new TypeError('orrery-timer: state.remainingMs must be >= 0');
    remaining = Math.min(remaining, duration * 1000);
    clearTimeout(this.#tick);
    this.#duration = duration;
    this.#status = state.status;
    this.#endsAt = null;
    if (state.status === 'running') {
      const endsAt = Number(state.endsAt);
      if (!Number.isFinite(endsAt)) throw new TypeError('orrery-timer: a running state needs endsAt');
      remaining = endsAt - Date.now();
      if (remaining > 0) {
        this.#endsAt = endsAt;
        this.#schedule();
      } else {
        this.#status = 'finished';
      }
    }
    if (this.#status === 'finished') remaining = 0;
    if (this.#status === 'idle') remaining = duration * 1000;
    this.#remainingMs = Math.max(0, remaining);
    this.#render();
    this._setDirty(false);
  }

  #userAction(action) {
    if (action()) this._setDirty(true);
  }

  #currentRemaining() {
    return this.#status === 'running' ? Math.max(0, this.#endsAt - Date.now()) : this.#remainingMs;
  }

  #setDuration(seconds) {
    this.#duration = seconds;
    if (this.#status === 'idle') {
      this.#remainingMs = seconds * 1000;
      this.#render();
    }
  }

  #start() {
    if (this.#status === 'running' || this.#status === 'finished') return false;
    const resumed = this.#status === 'paused';
    this.#status = 'running';
    this.#endsAt = Date.now() + this.#remainingMs;
    this.#schedule();
    this.#render('.stop');
    this.#say('status', `${this.label} started`);
    this._emit('timer-start', { duration: this.#duration, remaining: this.#remainingMs, endsAt: this.#endsAt, resumed });
    return true;
  }

  #stop(reason) {
    if (this.#status !== 'running') return false;
    clearTimeout(this.#tick);
    this.#remainingMs = this.#currentRemaining();
    this.#status = 'paused';
    this.#endsAt = null;
    this.#render('.start');
    this.#say('status', `${this.label} stopped`);
    this._emit('timer-stop', { duration: this.#duration, remaining: this.#remainingMs, reason });
    return true;
  }

  #reset() {
    if (this.#status === 'idle') return false;
    this.#stop('reset');
    this.#status = 'idle';
    this.#remainingMs = this.#duration * 1000;
    this.#render();
    this.#say('alert', '');
    this.#say('status', `${this.label} reset`);
    return true;
  }

  #schedule() {
    clearTimeout(this.#tick);
    const left = this.#endsAt - Date.now();
    if (left <= 0) {
      this.#finish();
      return;
    }
    this.#tick = setTimeout(() => {
      this.#render();
      this.#schedule();
    }, left % 1000 || 1000);
  }

  #finish() {
    const endedAt = this.#endsAt;
    this.#status = 'finished';
    this.#remainingMs = 0;
    this.#endsAt = null;
    this.#render('.reset');
    this.#say('alert', `${this.label} finished`);
    this._emit('timer-countdown', { duration: this.#duration, endedAt });
  }

  #say(region, text) {
    this._$(`[role="${region}"]`).textContent = text;
  }

  // Updates display and buttons; keeps keyboard focus when the focused button becomes disabled.
  #render(focusTarget) {
    this._$('.display').textContent = format(this.#currentRemaining());
    this._base.setAttribute('data-status', this.#status);
    const focused = this.shadowRoot.activeElement;
    const start = this._$('.start');
    const stop = this._$('.stop');
    const reset = this._$('.reset');
    start.disabled = this.#status === 'running' || this.#status === 'finished';
    start.textContent = this.#status === 'paused' ? 'Resume' : 'Start';
    stop.disabled = this.#status !== 'running';
    reset.disabled = this.#status === 'idle';
    if (focused && focused.disabled) {
      const next = focusTarget ? this._$(focusTarget) : [start, stop, reset].find((b) => !b.disabled);
      (next && !next.disabled ? next : [start, stop, reset].find((b) => !b.disabled))?.focus();
    }
  }
}

defineOnce('orrery-timer', OrreryTimer);
