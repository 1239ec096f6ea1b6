import { api, ApiError, type PipelineDetails, type TaskState } from '../api';
import { badge, h, time } from '../dom';
import { graphSvg } from '../graph';
import { poll } from '../poll';
import { TERMINAL_RUN_STATES, type View } from './context';

/** A run: its state and counts, and the task graph with every task's state and counts, refreshed every 1.5 s until it finishes. */
export const runView: View = (ctx) => {
  const runId = ctx.params[0];
  const summary = h('div');
  const graph = h('div', { class: 'graph-box' });
  const tasks = h('div');
  ctx.root.replaceChildren(h('h1', {}, 'Run ', h('span', { 'data-testid': 'run-id' }, runId)), summary, h('h2', {}, 'Task graph'), graph, tasks);
  let pipeline: PipelineDetails | undefined;
  return poll(async () => {
    let detail;
    try {
      detail = await api.run(runId);
    } catch (e) {
      // A run just triggered is known to the tracker a moment later.
      if (e instanceof ApiError && e.status === 404) {
        summary.replaceChildren(h('p', { 'data-testid': 'run-waiting' }, `Waiting for the tracker to accept run ${runId}…`));
        return true;
      }
      throw e;
    }
    const run = detail.run;
    if (!pipeline || pipeline.version !== run.pipelineVersion) pipeline = await api.pipeline(run.pipeline);
    const c = run.counts;
    summary.replaceChildren(h('dl', { class: 'facts' },
      h('dt', {}, 'state'), h('dd', {}, badge(run.status, 'run-status')),
      h('dt', {}, 'pipeline'), h('dd', {}, h('a', { href: `#/pipelines/${encodeURIComponent(run.pipeline)}` }, run.pipeline), ` version ${run.pipelineVersion}`),
      h('dt', {}, 'trigger'), h('dd', {}, run.trigger + (run.rerunOf ? `, rerun of ${run.rerunOf}` : '')),
      h('dt', {}, 'created'), h('dd', {}, time(run.createdAt)),
      h('dt', {}, 'started'), h('dd', {}, time(run.startedAt)),
      h('dt', {}, 'finished'), h('dd', {}, time(run.finishedAt)),
      h('dt', {}, 'records'), h('dd', { 'data-testid': 'run-counts' }, `in ${c.recordsIn} · out ${c.recordsOut} · rejected ${c.recordsRejected} · dropped ${c.recordsDropped}`),
      h('dt', {}, 'dead letters'), h('dd', {}, h('a', { 'data-testid': 'run-dead-letters',
        href: `#/pipelines/${encodeURIComponent(run.pipeline)}/dead-letters?run=${encodeURIComponent(run.runId)}` },
        c.recordsRejected ? `${c.recordsRejected} rejected records of this run` : 'of this run')),
      Object.keys(detail.parameters).length ? [h('dt', {}, 'parameters'), h('dd', {}, Object.entries(detail.parameters).map(([k, v]) => `${k}=${v}`).join(', '))] : null));
    const states = new Map<string, TaskState>(detail.tasks.map((t) => [t.task.taskId, t.task]));
    // A task the current version no longer has is still drawn, without edges.
    const nodes = pipeline.graph.concat([...states.keys()].filter((id) => !pipeline!.graph.some((n) => n.id === id))
      .map((id) => ({ id, kind: '', dependsOn: [] })));
    graph.replaceChildren(graphSvg(nodes, states));
    const messages = detail.tasks.filter((t) => t.task.message);
    tasks.replaceChildren(messages.length ? h('div', {}, h('h2', {}, 'Task messages'),
      h('ul', {}, messages.map((t) => h('li', {}, h('b', {}, t.task.taskId), ': ', t.task.message!)))) : '');
    return !TERMINAL_RUN_STATES.includes(run.status);
  }, 1500, ctx.errors, ctx.unauthorized);
};
