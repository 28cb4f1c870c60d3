// Iframe bridge: an isolated fragment (the child) talks to the page that
// embeds it (the parent) with window.postMessage. Both sides accept a message
// only when event.origin is on their allow-list AND event.source is the
// window they are bridged to; everything else is ignored.
// Record and API: docs/reuse/iframe-bridge.md
import { isStyleGuide } from './style-guides.js';

const MARK = 'orreryBridge';
const VERSION = 1;
const MAX_HEIGHT = 100000;
// Semantic event names: lower-case words joined by hyphens (timer-start,
// picker-change). Built-in DOM event names (click, load) never match, and the
// bridge-* names are the bridge's own.
const EVENT_NAME = /^(?!bridge-)[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

function allowList(origins) {
  const list = (Array.isArray(origins) ? origins : [origins]).filter((o) => typeof o === 'string');
  if (list.length === 0) throw new TypeError('orrery-bridge: allowedOrigins must list at least one origin');
  return list.map((o) => {
    if (o === '*' || o === 'null') throw new TypeError(`orrery-bridge: ${o} is not an origin`);
    const { origin } = new URL(o);
    return origin;
  });
}

function isBridgeMessage(data) {
  return data !== null && typeof data === 'object' && data[MARK] === VERSION && typeof data.kind === 'string';
}

function listen(source, allowed, handle) {
  const listener = (event) => {
    if (event.source !== source() || !allowed.includes(event.origin) || !isBridgeMessage(event.data)) return;
    handle(event.data, event.origin);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}

function postTo(target, allowed, message) {
  // The browser delivers only to the origin the target really has, so posting
  // to each allowed origin reaches the right one and no other.
  const envelope = { ...message, [MARK]: VERSION };
  if (target) allowed.forEach((origin) => target.postMessage(envelope, origin));
}

/**
 * Child side, inside the iframe.
 * options.allowedOrigins: origins the parent page may have (required).
 * options.events: names of semantic events to forward from this document (they bubble up to it).
 * options.onMessage(message): called for every accepted message from the parent
 *   ({kind: 'style-guide', name} | {kind: 'restore', selector, state} | {kind: 'message', ...}).
 * Returns { post(type, detail), disconnect() }.
 */
export function connectToParent({ allowedOrigins, events = [], onMessage, resize = true } = {}) {
  const allowed = allowList(allowedOrigins);
  const parent = window.parent;
  if (parent === window) throw new Error('orrery-bridge: connectToParent() needs to run inside an iframe');
  const post = (message) => postTo(parent, allowed, message);
  // Names this document in every 'ready', so the parent can tell a repeated ready from a reloaded child.
  const documentId = Math.random().toString(36).slice(2);
  const sendEvent = (type, detail) => {
    if (!EVENT_NAME.test(type)) throw new TypeError(`orrery-bridge: ${type} is not a semantic event name`);
    post({ kind: 'event', type, detail: detail === undefined ? null : JSON.parse(JSON.stringify(detail)) });
  };

  const forward = (event) => sendEvent(event.type, event.detail);
  events.forEach((type) => {
    if (!EVENT_NAME.test(type)) throw new TypeError(`orrery-bridge: ${type} is not a semantic event name`);
    document.addEventListener(type, forward);
  });

  let observer = null;
  let last = -1;
  const reportSize = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      post({ kind: 'resize', height });
    }
  };
  if (resize) {
    observer = new ResizeObserver(reportSize);
    observer.observe(document.documentElement);
  }

  const stop = listen(() => parent, allowed, (message) => {
    if (message.kind === 'hello') {
      // the parent connected after our 'ready': say it again, with the size
      post({ kind: 'ready', documentId });
      last = -1;
      if (resize) reportSize();
      return;
    }
    if (message.kind === 'style-guide' && isStyleGuide(message.name)) {
      document.documentElement.setAttribute('data-style-guide', message.name);
    } else if (message.kind === 'restore' && typeof message.selector === 'string') {
      const element = document.querySelector(message.selector);
      if (element && typeof element.restore === 'function') element.restore(message.state);
    }
    onMessage?.(message);
  });

  post({ kind: 'ready', documentId });
  return {
    post: sendEvent,
    disconnect() {
      stop();
      observer?.disconnect();
      events.forEach((type) => document.removeEventListener(type, forward));
    },
  };
}

/**
 * Parent side, on the page that embeds the iframe.
 * options.allowedOrigins: origins the fragment may have (required).
 * options.styleGuide: style-guide name sent down on every 'ready' from the child.
 * The iframe gets its height from the child and re-emits the child's semantic
 * events as bubbling CustomEvents; it also emits bridge-ready and bridge-resize.
 * Returns { setStyleGuide(name), restore(selector, state), send(message), disconnect() }.
 */
export function connectFrame(iframe, { allowedOrigins, styleGuide = null, maxHeight = MAX_HEIGHT } = {}) {
  if (!(iframe instanceof HTMLIFrameElement)) throw new TypeError('orrery-bridge: connectFrame() needs an <iframe>');
  const allowed = allowList(allowedOrigins);
  let guide = isStyleGuide(styleGuide) ? styleGuide : null;
  const send = (message) => postTo(iframe.contentWindow, allowed, message);
  const emit = (type, detail) => iframe.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  // A child that loaded while this call ran says 'ready' twice (on load, and to our 'hello'): one bridge-ready per document.
  let readyDocument;

  const stop = listen(() => iframe.contentWindow, allowed, (message, origin) => {
    if (message.kind === 'resize') {
      const height = Number(message.height);
      if (!Number.isFinite(height) || height < 0) return;
      const applied = Math.min(Math.ceil(height), maxHeight);
      iframe.style.height = `${applied}px`;
      emit('bridge-resize', { height: applied });
    } else if (message.kind === 'event' && typeof message.type === 'string' && EVENT_NAME.test(message.type)) {
      emit(message.type, message.detail ?? null);
    } else if (message.kind === 'ready') {
      if (guide) send({ kind: 'style-guide', name: guide });
      if (message.documentId !== undefined && message.documentId === readyDocument) return;
      readyDocument = message.documentId;
      emit('bridge-ready', { origin });
    }
  });

  send({ kind: 'hello' }); // reaches a child that loaded before this call; one still loading says 'ready' itself
  return {
    setStyleGuide(name) {
      if (!isStyleGuide(name)) throw new TypeError(`orrery-bridge: unknown style guide ${name}`);
      guide = name;
      send({ kind: 'style-guide', name });
    },
    restore(selector, state) {
      send({ kind: 'restore', selector: String(selector), state: JSON.parse(JSON.stringify(state)) });
    },
    send(message) {
      send({ ...message, kind: 'message' });
    },
    disconnect: stop,
  };
}
