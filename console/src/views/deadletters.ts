import { api } from '../api';
import { badge, fill, h, runLink, time } from '../dom';
import { poll } from '../poll';
import type { View } from './context';

const FILTERS = ['run', 'task', 'rule', 'field', 'state'];

/** A pipeline's dead letters: counts by rule, field, task and state, and the letters (optionally of one run, rule, ...). */
const PAGE = 50;

export const deadLettersView: View = (ctx) => {
  const name = ctx.params[0];
  const filter: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = ctx.query.get(key);
    if (value) filter[key] = value;
  }
  const counts = h('div', { class: 'counts' });
  const list = h('div');
  const base = `#/pipelines/${encodeURIComponent(name)}/dead-letters`;
  const filtered = (key: string, value: string) => {
    const next = new URLSearchParams({ ...filter, [key]: value });
    return `${base}?${next}`;
  };
  fill(ctx.root,
    h('h1', {}, 'Dead letters of ', h('a', { href: `#/pipelines/${encodeURIComponent(name)}` }, name)),
    Object.keys(filter).length ? h('p', { 'data-testid': 'letter-filter' }, 'Only ', Object.entries(filter).map(([k, v]) => `${k} = ${v}`).join(', '),
      ' · ', h('a', { href: base }, 'show all')) : null,
    counts, h('h2', {}, 'Letters'), list);
  return poll(async () => {
    const [summary, page] = await Promise.all([api.letterCounts(name, filter), api.letters(name, filter, PAGE)]);
    const table = (title: string, key: string, values: Record<string, number>) => h('table', { class: 'count-table', 'data-testid': `by-${key}` },
      h('thead', {}, h('tr', {}, h('th', {}, title), h('th', {}, 'letters'))),
      h('tbody', {}, Object.entries(values).sort((a, b) => b[1] - a[1]).map(([value, count]) =>
        h('tr', {}, h('td', {}, key === 'state' ? value : h('a', { href: filtered(key, value) }, value)), h('td', { class: 'num' }, count)))));
    counts.replaceChildren(h('p', {}, h('b', { 'data-testid': 'letter-total' }, summary.total), ' letters'),
      h('div', { class: 'row' }, table('rule', 'rule', summary.byRule), table('field', 'field', summary.byField),
        table('task', 'task', summary.byTask), table('state', 'state', summary.byState)));
    fill(list, page.letters.length === 0 ? h('p', {}, 'No dead letters.') :
      h('table', { 'data-testid': 'letters' },
        h('thead', {}, h('tr', {}, ['letter', 'run', 'stage', 'task', 'rule', 'field', 'error', 'time', 'state'].map((c) => h('th', {}, c)))),
        h('tbody', {}, page.letters.map((l) => h('tr', {},
          h('td', {}, h('a', { href: `${base}/${encodeURIComponent(l.id)}`, 'data-testid': 'letter-link', 'data-letter': l.id }, l.id)),
          h('td', {}, l.runId ? runLink(l.runId) : '—'), h('td', {}, l.stage), h('td', {}, l.taskId ?? '—'),
          h('td', {}, l.rule ?? '—'), h('td', {}, l.field ?? '—'), h('td', { class: 'message', title: l.message }, l.message),
          h('td', {}, time(l.time)), h('td', {}, badge(l.state)))))),
      page.next ? h('p', {}, `Showing the first ${page.letters.length}; narrow the selection by rule, field or run to see others.`) : null);
  }, 5000, ctx.errors, ctx.unauthorized);
};

/** One letter: its error, where the record came from, and the record itself (key, payload, headers). */
export const letterView: View = (ctx) => {
  const [name, id] = ctx.params;
  ctx.root.replaceChildren(h('h1', {}, 'Dead letter ', h('span', { 'data-testid': 'letter-id' }, id)));
  const body = h('div');
  ctx.root.append(body);
  return poll(async () => {
    const l = await api.letter(name, id);
    const source = l.sourceTopic ? `${l.sourceTopic} partition ${l.sourcePartition ?? '?'} offset ${l.sourceOffset ?? '?'}`
      : l.sourcePosition ?? '—';
    fill(body,
      h('p', {}, h('a', { href: `#/pipelines/${encodeURIComponent(name)}/dead-letters` }, '← all dead letters of ' + name)),
      h('h2', {}, 'Error'),
      h('pre', { class: 'error-text', 'data-testid': 'letter-error' }, l.message),
      h('dl', { class: 'facts' },
        h('dt', {}, 'state'), h('dd', {}, badge(l.state)),
        h('dt', {}, 'run'), h('dd', {}, l.runId ? runLink(l.runId) : '—'),
        h('dt', {}, 'stage / task'), h('dd', {}, `${l.stage} / ${l.taskId ?? '—'}`),
        h('dt', {}, 'rule'), h('dd', { 'data-testid': 'letter-rule' }, l.rule ?? '—'),
        h('dt', {}, 'field'), h('dd', { 'data-testid': 'letter-field' }, l.field ?? '—'),
        h('dt', {}, 'exception'), h('dd', {}, l.exceptionClass ?? '—'),
        h('dt', {}, 'source'), h('dd', {}, source),
        h('dt', {}, 'time'), h('dd', {}, time(l.time)),
        h('dt', {}, 'key'), h('dd', {}, l.key ?? '—')),
      h('h2', {}, 'Payload'),
      h('pre', { class: 'payload', 'data-testid': 'letter-payload' }, l.value === null || l.value === undefined ? '(none)'
        : typeof l.value === 'string' ? l.value : JSON.stringify(l.value, null, 2)),
      Object.keys(l.headers).length ? [h('h2', {}, 'Headers'), h('table', {}, h('tbody', {},
        Object.entries(l.headers).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))))] : null);
    // A letter changes only by a replay or discard: no need to keep asking.
    return false;
  }, 5000, ctx.errors, ctx.unauthorized);
};
