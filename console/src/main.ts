import './style.css';
import { authorization, signIn, signOut } from './api';
import { h } from './dom';
import type { View } from './views/context';
import { deadLettersView, letterView } from './views/deadletters';
import { gridView } from './views/grid';
import { pipelinesView, pipelineView } from './views/pipelines';
import { runView } from './views/run';
import { workersView } from './views/workers';

// Hash routes: the scheduler serves one index.html, so every view is addressed after the '#'.
const routes: [RegExp, View, string][] = [
  [/^\/$/, pipelinesView, 'pipelines'],
  [/^\/grid$/, gridView, 'grid'],
  [/^\/workers$/, workersView, 'workers'],
  [/^\/runs\/([^/]+)$/, runView, 'grid'],
  [/^\/pipelines\/([^/]+)\/dead-letters\/([^/]+)$/, letterView, 'pipelines'],
  [/^\/pipelines\/([^/]+)\/dead-letters$/, deadLettersView, 'pipelines'],
  [/^\/pipelines\/([^/]+)$/, pipelineView, 'pipelines'],
];

const app = document.getElementById('app')!;
const session = document.getElementById('session')!;
let stop: () => void = () => {};

function route(): void {
  stop();
  stop = () => {};
  const [path, search] = (location.hash.replace(/^#/, '') || '/').split('?');
  const errors = h('div', { class: 'errors' });
  const root = h('div');
  app.replaceChildren(errors, root);
  renderSession();
  for (const [pattern, view, nav] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.getAttribute('data-nav') === nav));
    stop = view({ root, errors, params: match.slice(1).map(decodeURIComponent), query: new URLSearchParams(search ?? ''), unauthorized: showSignIn });
    return;
  }
  root.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, `No view at ${path}. `, h('a', { href: '#/' }, 'Pipelines')));
}

function renderSession(): void {
  session.replaceChildren(authorization()
    ? h('a', { href: '#', 'data-testid': 'sign-out', onclick: (e) => { e.preventDefault(); signOut(); route(); } }, 'Sign out')
    : '');
}

/** Security is on and the call had no (valid) credentials: ask for them, then show the view again. */
function showSignIn(): void {
  stop();
  stop = () => {};
  const wasSignedIn = authorization() !== null;
  signOut();
  const user = h('input', { name: 'user', autocomplete: 'username', placeholder: 'empty for a bearer token' }) as HTMLInputElement;
  const secret = h('input', { name: 'secret', type: 'password', autocomplete: 'current-password', required: true }) as HTMLInputElement;
  app.replaceChildren(h('form', { class: 'signin', 'data-testid': 'sign-in', onsubmit: (e) => {
      e.preventDefault();
      signIn(user.value.trim(), secret.value);
      route();
    } },
    h('h1', {}, 'Sign in'),
    wasSignedIn ? h('p', { class: 'error' }, 'The scheduler refused these credentials.') : null,
    h('p', {}, 'The scheduler asks for credentials (docs/security.md): a user name and secret, or a secret alone as a bearer token. ',
      'They are kept in this tab only (sessionStorage).'),
    h('label', {}, 'User ', user), h('label', {}, 'Secret ', secret), h('button', { type: 'submit' }, 'Sign in')));
  renderSession();
}

window.addEventListener('hashchange', route);
route();
