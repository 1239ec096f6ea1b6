import { api, ApiError, type RunSummary } from '../api';
import { badge, h, runLink, time } from '../dom';
import { poll } from '../poll';
import type { View } from './context';

/** Every pipeline with its schedule, next fire time, pause state and last run (GET /pipelines, GET /runs). */
export const pipelinesView: View = (ctx) => {
  const table = h('div');
  ctx.root.replaceChildren(h('h1', {}, 'Pipelines'), table);
  return poll(async () => {
    const pipelines = await api.pipelines();
    // One query per pipeline (answered by the instance that owns it): its newest run, however old.
    const newest = await Promise.all(pipelines.map((p) => api.runs(p.name, 1)));
    const last = new Map<string, RunSummary>();
    newest.forEach((page, i) => page.runs[0] && last.set(pipelines[i].name, page.runs[0]));
    table.replaceChildren(pipelines.length === 0 ? h('p', {}, 'No pipeline is deployed.') :
      h('table', { 'data-testid': 'pipelines' },
        h('thead', {}, h('tr', {}, ['pipeline', 'version', 'schedule', 'next fire time', 'paused', 'last run', 'last run state'].map((c) => h('th', {}, c)))),
        h('tbody', {}, pipelines.map((p) => {
          const run = last.get(p.name);
          return h('tr', { 'data-pipeline': p.name },
            h('td', {}, h('a', { href: `#/pipelines/${encodeURIComponent(p.name)}`, 'data-testid': 'pipeline-link' }, p.name)),
            h('td', {}, p.version),
            h('td', {}, p.schedule ? `${p.schedule} (${p.timezone})` : 'manual only'),
            h('td', {}, time(p.nextFireTime)),
            h('td', {}, p.paused ? h('span', { class: 'badge state-paused' }, 'paused') : 'no'),
            h('td', {}, run ? runLink(run.runId, time(run.createdAt)) : '—'),
            h('td', {}, run ? badge(run.status) : '—'));
        }))));
  }, 5000, ctx.errors, ctx.unauthorized);
};

/** One pipeline: its schedule, tasks, a trigger button and its recent runs. */
export const pipelineView: View = (ctx) => {
  const name = ctx.params[0];
  const head = h('div');
  const message = h('div', { 'data-testid': 'trigger-message' });
  const trigger = h('button', { 'data-testid': 'trigger', onclick: async () => {
    trigger.setAttribute('disabled', '');
    message.replaceChildren('Triggering…');
    try {
      const { runId } = await api.trigger(name);
      location.hash = `#/runs/${encodeURIComponent(runId)}`;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return ctx.unauthorized();
      const hint = e instanceof ApiError && e.status === 403 ? ' (triggering needs the operator role)' : '';
      message.replaceChildren(h('div', { class: 'error' }, (e as Error).message + hint));
      trigger.removeAttribute('disabled');
    }
  } }, 'Trigger run');
  const runs = h('div');
  ctx.root.replaceChildren(h('h1', {}, 'Pipeline ', h('span', { 'data-testid': 'pipeline-name' }, name)), head,
    h('p', {}, trigger, ' ', h('a', { href: `#/pipelines/${encodeURIComponent(name)}/dead-letters` }, 'Dead letters')), message,
    h('h2', {}, 'Recent runs'), runs);
  return poll(async () => {
    const [p, page] = await Promise.all([api.pipeline(name), api.runs(name, 25)]);
    head.replaceChildren(h('dl', { class: 'facts' },
      h('dt', {}, 'version'), h('dd', {}, `${p.version} (deployed ${time(p.deployedAt)}${p.deployedBy ? ' by ' + p.deployedBy : ''})`),
      h('dt', {}, 'schedule'), h('dd', {}, p.schedule ? `${p.schedule} (${p.timezone})` : 'manual only'),
      h('dt', {}, 'next fire times'), h('dd', {}, p.nextFireTimes.length ? p.nextFireTimes.map(time).join(', ') : '—'),
      h('dt', {}, 'paused'), h('dd', {}, p.paused ? 'yes' : 'no'),
      h('dt', {}, 'tasks'), h('dd', {}, p.tasks.join(' → ')),
      p.description ? [h('dt', {}, 'description'), h('dd', {}, p.description)] : null));
    runs.replaceChildren(runTable(page.runs));
  }, 3000, ctx.errors, ctx.unauthorized);
};

export function runTable(runs: RunSummary[]): HTMLElement {
  if (runs.length === 0) return h('p', {}, 'No runs yet.');
  return h('table', { 'data-testid': 'runs' },
    h('thead', {}, h('tr', {}, ['run', 'state', 'trigger', 'created', 'finished', 'in', 'out', 'rejected'].map((c) => h('th', {}, c)))),
    h('tbody', {}, runs.map((r) => h('tr', {},
      h('td', {}, runLink(r.runId)), h('td', {}, badge(r.status)), h('td', {}, r.trigger), h('td', {}, time(r.createdAt)),
      h('td', {}, time(r.finishedAt)), h('td', { class: 'num' }, r.counts.recordsIn), h('td', { class: 'num' }, r.counts.recordsOut),
      h('td', { class: 'num' }, r.counts.recordsRejected)))));
}
