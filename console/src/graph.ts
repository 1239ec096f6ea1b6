import type { TaskNode, TaskState } from './api';
import { s } from './dom';

export interface Placed {
  id: string;
  depth: number;
  row: number;
}

/**
 * Columns by dependency depth (a task sits one column right of its deepest upstream task), rows in
 * the pipeline's topological order within a column: the same reading direction as the pipeline file.
 */
export function layout(nodes: TaskNode[]): Placed[] {
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle cannot be deployed; guard anyway
    seen.add(id);
    const node = nodes.find((n) => n.id === id);
    const d = node && node.dependsOn.length ? Math.max(...node.dependsOn.map((up) => depthOf(up, seen))) + 1 : 0;
    depth.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  return nodes.map((node) => {
    const d = depthOf(node.id, new Set());
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    return { id: node.id, depth: d, row };
  });
}

const W = 200;
const H = 86;
const GAP_X = 70;
const GAP_Y = 24;

/** The run's task graph as SVG: one box per task with its state and counts, arrows from upstream tasks. */
export function graphSvg(nodes: TaskNode[], states: Map<string, TaskState>): SVGElement {
  const placed = layout(nodes);
  const at = new Map(placed.map((p) => [p.id, p]));
  const columns = Math.max(1, ...placed.map((p) => p.depth + 1));
  const rows = Math.max(1, ...placed.map((p) => p.row + 1));
  const width = columns * W + (columns - 1) * GAP_X + 20;
  const height = rows * H + (rows - 1) * GAP_Y + 20;
  const x = (p: Placed) => 10 + p.depth * (W + GAP_X);
  const y = (p: Placed) => 10 + p.row * (H + GAP_Y);

  const edges = nodes.flatMap((node) =>
    node.dependsOn.map((up) => {
      const from = at.get(up);
      const to = at.get(node.id);
      if (!from || !to) return null;
      const x1 = x(from) + W, y1 = y(from) + H / 2, x2 = x(to), y2 = y(to) + H / 2;
      const mid = (x1 + x2) / 2;
      return s('path', { class: 'edge', d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2 - 6},${y2}`, 'marker-end': 'url(#arrow)' });
    }),
  );

  const boxes = nodes.map((node) => {
    const p = at.get(node.id)!;
    const state = states.get(node.id);
    const status = state?.status ?? 'PENDING';
    const c = state?.counts;
    return s('g', { class: `task state-${status.toLowerCase()}`, 'data-testid': 'task-node', 'data-task': node.id, 'data-status': status,
        transform: `translate(${x(p)},${y(p)})` },
      s('rect', { width: W, height: H, rx: 6 }),
      s('text', { x: 10, y: 20, class: 'task-id' }, `${node.id}`, s('tspan', { class: 'task-kind' }, `  ${node.kind}`)),
      s('text', { x: 10, y: 42, class: 'task-status', 'data-testid': 'task-status' }, status + (state && state.attempt > 1 ? ` (attempt ${state.attempt})` : '')),
      s('text', { x: 10, y: 62, class: 'task-counts', 'data-testid': 'task-counts' },
        c ? `in ${c.recordsIn} · out ${c.recordsOut} · rej ${c.recordsRejected}` : 'in – · out – · rej –'),
      s('text', { x: 10, y: 78, class: 'task-counts' }, c && c.recordsDropped ? `dropped ${c.recordsDropped}` : ''),
    );
  });

  return s('svg', { class: 'graph', width, height, viewBox: `0 0 ${width} ${height}`, 'data-testid': 'run-graph' },
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 5, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }))),
    edges.filter((e): e is SVGElement => e !== null),
    boxes,
  );
}
