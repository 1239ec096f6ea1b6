import { api, type RunSummary } from '../api';
import { h, time } from '../dom';
import { poll } from '../poll';
import type { View } from './context';

const COLUMNS = 30;

/**
 * Pipelines as rows and their last runs as cells, oldest left, newest right, coloured by state (as
 * Airflow's grid); a cell opens its run.
 */
export const gridView: View = (ctx) => {
  const body = h('div');
  ctx.root.replaceChildren(h('h1', {}, 'Runs grid'), legend(), body);
  return poll(async () => {
    const pipelines = await api.pipelines();
    // Per pipeline, so that a busy pipeline's runs do not crowd out a quiet one's.
    const pages = await Promise.all(pipelines.map((p) => api.runs(p.name, COLUMNS)));
    const byPipeline = new Map<string, RunSummary[]>(pipelines.map((p, i) => [p.name, pages[i].runs]));
    const rows = [...byPipeline.entries()].map(([name, runs]) => h('tr', { 'data-pipeline': name },
      h('th', {}, h('a', { href: `#/pipelines/${encodeURIComponent(name)}` }, name)),
      h('td', {}, h('div', { class: 'cells' }, runs.slice().reverse().map(cell))),
      h('td', { class: 'muted' }, runs.length ? `newest ${time(runs[0].createdAt)}` : 'no runs')));
    body.replaceChildren(byPipeline.size === 0 ? h('p', {}, 'No pipeline is deployed.')
      : h('table', { class: 'grid', 'data-testid': 'grid' },
        h('thead', {}, h('tr', {}, h('th', {}, 'pipeline'), h('th', {}, `runs, oldest → newest (last ${COLUMNS})`), h('th', {}, ''))),
        h('tbody', {}, rows)));
  }, 5000, ctx.errors, ctx.unauthorized);
};

function cell(run: RunSummary): HTMLElement {
  return h('a', { class: `cell state-${run.status.toLowerCase()}`, href: `#/runs/${encodeURIComponent(run.runId)}`,
    title: `${run.runId}\n${run.status}\ncreated ${time(run.createdAt)}`, 'data-testid': 'grid-cell', 'data-run': run.runId,
    'data-status': run.status });
}

function legend(): HTMLElement {
  return h('p', { class: 'legend' }, ['QUEUED', 'RUNNING', 'SUCCEEDED', 'SUCCEEDED_WITH_REJECTS', 'FAILED', 'CANCELLED'].map((state) =>
    h('span', {}, h('span', { class: `cell state-${state.toLowerCase()}` }), ' ', state.toLowerCase().replace(/_/g, ' '), '  ')));
}
