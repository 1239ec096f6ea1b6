import { api, type PartitionLag } from '../api';
import { h } from '../dom';
import { poll } from '../poll';
import type { View } from './context';

/** Each service's consumer groups: members (instances), their partitions and lag (GET /workers). */
export const workersView: View = (ctx) => {
  const body = h('div');
  ctx.root.replaceChildren(h('h1', {}, 'Workers'), body);
  return poll(async () => {
    const workers = await api.workers();
    body.replaceChildren(
      h('table', { 'data-testid': 'services' },
        h('thead', {}, h('tr', {}, ['service', 'groups', 'members', 'lag'].map((c) => h('th', {}, c)))),
        h('tbody', {}, workers.services.map((s) => h('tr', { 'data-service': s.service, class: s.members === 0 ? 'idle' : '' },
          h('td', {}, s.service), h('td', { class: 'num' }, s.groups), h('td', { class: 'num', 'data-testid': 'service-members' }, s.members),
          h('td', { class: 'num' }, s.lag ?? '—'))))),
      h('h2', {}, 'Consumer groups'),
      workers.groups.length === 0 ? h('p', {}, 'No consumer group of Conveyor\'s services.') :
        h('table', { 'data-testid': 'groups' },
          h('thead', {}, h('tr', {}, ['service', 'group', 'state', 'member', 'host', 'partitions', 'lag'].map((c) => h('th', {}, c)))),
          h('tbody', {}, workers.groups.flatMap((g) => g.members.length === 0
            ? [h('tr', {}, h('td', {}, g.service), h('td', {}, g.group), h('td', {}, g.state), h('td', {}, '—'), h('td', {}, '—'),
                h('td', {}, g.unassigned.length ? '(unassigned) ' + partitions(g.unassigned) : '—'), h('td', { class: 'num' }, g.lag ?? '—'))]
            : g.members.map((m) => h('tr', {}, h('td', {}, g.service), h('td', {}, g.group), h('td', {}, g.state),
                h('td', {}, m.instanceId ?? m.clientId), h('td', {}, m.host), h('td', {}, partitions(m.partitions)),
                h('td', { class: 'num' }, m.lag ?? '—')))))));
  }, 3000, ctx.errors, ctx.unauthorized);
};

function partitions(list: PartitionLag[]): string {
  if (list.length === 0) return 'none';
  const byTopic = new Map<string, number[]>();
  for (const p of list) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
  return [...byTopic.entries()].sort().map(([topic, ps]) => `${topic}[${ps.join(',')}]`).join(' ');
}
