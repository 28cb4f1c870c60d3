// todo-frontend's browser script. The server renders every card; this script only posts changes to the API and
// inserts the HTML the server pushes back over the socket (it never changes the list on its own).
const API = '/api/todos';
const MAX_BACKOFF_MS = 10000;
const TOKEN_EXPIRED = 4401;
// The gateway's answer to a visitor whose session is gone: 401 (JSON) for API calls, close code 4440 for the socket.
const SIGNED_OUT = 4440;

function fromHtml(html) {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  return template.content;
}

function relativeTime(iso) {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86400) return format.format(-Math.floor(seconds / 3600), 'hour');
  return format.format(-Math.floor(seconds / 86400), 'day');
}

// The isolated summary (an iframe of todo-frontend's own) speaks only through the shared bridge: it reports its
// height and counts; after every applied change the list asks it to refresh.
function connectSummary(root) {
  const frame = root.querySelector('iframe.todo-summary');
  if (!frame) return null;
  const connection = import(frame.dataset.bridge).then(({ connectFrame }) => connectFrame(frame, {
    allowedOrigins: [location.origin],
    styleGuide: document.documentElement.dataset.styleGuide || 'daylight',
  }));
  frame.addEventListener('todo-summary', (e) => {
    frame.dataset.open = e.detail.open;
    frame.dataset.done = e.detail.done;
  });
  return {
    refresh: () => connection.then((bridge) => bridge.send({ topic: 'todo-refresh' })),
    setStyleGuide: (name) => connection.then((bridge) => bridge.setStyleGuide(name)),
  };
}

class TodoList {
  constructor(root) {
    this.root = root;
    this.seq = Number(root.dataset.seq || 0);
    this.backoff = 500;
    this.form = root.querySelector('form.todo-new');
    this.text = this.form.querySelector('textarea');
    this.error = this.form.querySelector('.todo-error');
    this.status = root.querySelector('.todo-live-status');
    this.summary = connectSummary(root);
    this.wire();
    this.upgradeCards(root);
    this.connect();
    setInterval(() => this.refreshTimes(), 30000);
  }

  get list() {
    return this.root.querySelector('ul.todo-list');
  }

  wire() {
    this.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.form.requestSubmit();
      }
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.send('POST', API, { text: this.text.value }).then((ok) => { if (ok) this.text.value = ''; });
    });
    this.root.addEventListener('click', (e) => {
      const action = e.target.closest('[data-action]')?.dataset.action;
      if (action === 'delete') this.send('DELETE', `${API}/${this.cardId(e.target)}`);
      if (action === 'delete-all' && window.confirm('Delete all your todos?')) this.send('DELETE', API);
    });
    this.root.addEventListener('change', (e) => {
      if (e.target.dataset.action === 'done') {
        this.send('PATCH', `${API}/${this.cardId(e.target)}`, { done: e.target.checked });
      }
    });
    this.root.addEventListener('picker-change', (e) => {
      this.send('PATCH', `${API}/${this.cardId(e.target)}`, { priority: e.detail.value });
    });
  }

  cardId(element) {
    return element.closest('[data-todo-id]').dataset.todoId;
  }

  async send(method, url, body) {
    this.showError(null);
    const headers = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    // The gateway page carries the session's CSRF token; the gateway refuses state changes without it.
    const csrf = document.querySelector('meta[name="orrery-csrf"]')?.content;
    if (csrf) headers['X-Orrery-CSRF'] = csrf;
    try {
      const response = await fetch(url, {
        method, credentials: 'same-origin', headers, body: body ? JSON.stringify(body) : undefined,
      });
      if (response.ok) return true;
      if (response.status === 401) {
        this.signedOut();
        return false;
      }
      const problem = await response.json().catch(() => ({}));
      this.showError(problem.message || `The server answered ${response.status}`);
    } catch (e) {
      this.showError('Could not reach the server; try again in a moment.');
    }
    return false;
  }

  showError(message) {
    this.error.textContent = message || '';
    this.error.hidden = !message;
  }

  // Reloading this page while signed out goes through the login form and comes back here.
  signedOut() {
    this.root.setAttribute('data-live-state', 'signed-out');
    this.status.hidden = true;
    const link = document.createElement('a');
    link.href = location.pathname + location.search;
    link.textContent = 'Sign in again';
    link.className = 'todo-sign-in';
    this.error.replaceChildren('You are signed out. ', link, ' to keep working on your todos.');
    this.error.hidden = false;
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}${this.root.dataset.live}?since=${this.seq}`);
    socket.addEventListener('open', () => {
      this.backoff = 500;
      this.status.hidden = true;
      this.root.setAttribute('data-live-state', 'open');
    });
    socket.addEventListener('message', (e) => this.apply(JSON.parse(e.data), socket));
    socket.addEventListener('close', (e) => {
      if (e.code === SIGNED_OUT) {
        this.signedOut();
        return;
      }
      this.root.setAttribute('data-live-state', 'reconnecting');
      this.status.hidden = false;
      // 4401: the token this socket was opened with expired; the gateway relays a fresh one, so come back at once.
      const delay = e.code === TOKEN_EXPIRED ? 0 : this.backoff * (0.5 + Math.random());
      setTimeout(() => this.connect(), delay);
      if (e.code !== TOKEN_EXPIRED) this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    });
  }

  apply(frame, socket) {
    if (frame.type === 'ready') return; // the catch-up is over; nothing to show
    if (frame.type !== 'reset' && frame.seq <= this.seq) return;
    if (frame.type !== 'reset' && frame.seq > this.seq + 1) {
      socket.close(); // a gap: reconnecting with our number replays what is missing
      return;
    }
    this.seq = frame.seq;
    const existing = frame.todoId == null ? null : this.list.querySelector(`[data-todo-id="${frame.todoId}"]`);
    switch (frame.type) {
      case 'added':
      case 'updated':
        if (existing) this.replace(existing, frame.html);
        else if (frame.type === 'added') this.insert(frame.html);
        break;
      case 'deleted':
        existing?.remove();
        break;
      case 'styled':
        // The user chose another style guide in profile-frontend: this page follows at once.
        if (/^[a-z][a-z-]*$/.test(frame.html)) {
          document.documentElement.dataset.styleGuide = frame.html;
          this.summary?.setStyleGuide(frame.html);
        }
        break;
      case 'cleared':
        this.list.querySelectorAll('[data-todo-id]').forEach((card) => card.remove());
        break;
      case 'reset':
        this.list.replaceWith(fromHtml(frame.html));
        this.upgradeCards(this.list);
        break;
      default:
        return;
    }
    this.summary?.refresh();
  }

  insert(html) {
    const card = fromHtml(html);
    this.upgradeCards(card);
    this.list.prepend(card);
  }

  replace(existing, html) {
    const card = fromHtml(html);
    this.upgradeCards(card);
    // A running focus timer survives the re-render of its card.
    const oldTimer = existing.querySelector('orrery-timer');
    const newTimer = card.querySelector('orrery-timer');
    if (oldTimer?.serialize && newTimer) newTimer.setAttribute('state', JSON.stringify(oldTimer.serialize()));
    existing.replaceWith(card);
  }

  upgradeCards(scope) {
    scope.querySelectorAll('orrery-picker[data-options]').forEach((picker) => {
      picker.options = JSON.parse(picker.dataset.options);
    });
  }

  refreshTimes() {
    this.root.querySelectorAll('time[data-when]').forEach((time) => {
      time.textContent = relativeTime(time.dataset.when);
    });
  }
}

document.querySelectorAll('[data-fragment="todo:list"]').forEach((root) => {
  if (!root.todoList) root.todoList = new TodoList(root);
});
