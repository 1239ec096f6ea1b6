// The scheduler's REST API as the console reads it (docs/scheduler-api.md). Every call carries the
// signed-in user's Authorization header when there is one; with security off there is none.

const AUTH_KEY = 'conveyor.authorization';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function authorization(): string | null {
  return sessionStorage.getItem(AUTH_KEY);
}

/** A user name and secret sign in with HTTP basic, a secret alone as a bearer token (docs/security.md). */
export function signIn(user: string, secret: string): void {
  const value = user ? 'Basic ' + btoa(`${user}:${secret}`) : 'Bearer ' + secret;
  sessionStorage.setItem(AUTH_KEY, value);
}

export function signOut(): void {
  sessionStorage.removeItem(AUTH_KEY);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const auth = authorization();
  if (auth) headers.Authorization = auth;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    // credentials 'omit': the header above is the only credential, never a browser-cached one.
    response = await fetch(path, { method, headers, credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, `the scheduler did not answer ${method} ${path}: ${(e as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed.message === 'string') message = parsed.message;
    } catch {
      // not JSON: the text itself is the message
    }
    throw new ApiError(response.status, `${method} ${path}: ${response.status} ${message || response.statusText}`);
  }
  return (text ? JSON.parse(text) : null) as T;
}

const enc = encodeURIComponent;

export interface Counts {
  recordsIn: number;
  recordsOut: number;
  recordsRejected: number;
  recordsDropped: number;
}

export interface PipelineSummary {
  name: string;
  version: number;
  schedule?: string | null;
  timezone: string;
  nextFireTime?: string | null;
  paused: boolean;
}

export interface TaskNode {
  id: string;
  kind: string;
  dependsOn: string[];
}

export interface PipelineDetails extends PipelineSummary {
  description?: string | null;
  deployedAt: string;
  deployedBy?: string | null;
  tasks: string[];
  nextFireTimes: string[];
  graph: TaskNode[];
}

export interface RunSummary {
  runId: string;
  pipeline: string;
  pipelineVersion: number;
  status: string;
  trigger: string;
  logicalTime: string;
  createdAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  counts: Counts;
  rerunOf?: string | null;
}

export interface TaskState {
  taskId: string;
  status: string;
  attempt: number;
  counts: Counts;
  message?: string | null;
}

export interface RunDetail {
  run: RunSummary;
  parameters: Record<string, string>;
  failedTasks: string[];
  tasks: { task: TaskState }[];
}

export interface LetterSummary {
  id: string;
  runId?: string | null;
  stage: string;
  taskId?: string | null;
  rule?: string | null;
  field?: string | null;
  message: string;
  time: string;
  state: string;
}

export interface LetterDetail extends LetterSummary {
  exceptionClass?: string | null;
  sourceTopic?: string | null;
  sourcePartition?: number | null;
  sourceOffset?: number | null;
  sourcePosition?: string | null;
  key?: string | null;
  value?: unknown;
  headers: Record<string, string>;
}

export interface LetterCounts {
  total: number;
  byState: Record<string, number>;
  byTask: Record<string, number>;
  byRule: Record<string, number>;
  byField: Record<string, number>;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  committed?: number | null;
  end?: number | null;
  lag?: number | null;
}

export interface WorkerGroup {
  service: string;
  group: string;
  state: string;
  members: { memberId: string; instanceId?: string | null; clientId: string; host: string; partitions: PartitionLag[]; lag?: number | null }[];
  unassigned: PartitionLag[];
  lag?: number | null;
}

export interface Workers {
  services: { service: string; groups: number; members: number; lag?: number | null }[];
  groups: WorkerGroup[];
}

// The scheduler's JSON leaves out empty lists and maps (Micronaut Serialization's default inclusion):
// they are filled in here once, so the views can rely on them.
const list = <T>(value: T[] | undefined | null): T[] => value ?? [];
const map = <T>(value: Record<string, T> | undefined | null): Record<string, T> => value ?? {};

export const api = {
  pipelines: async () => list(await call<PipelineSummary[]>('GET', '/pipelines')),
  pipeline: async (name: string) => {
    const p = await call<PipelineDetails>('GET', `/pipelines/${enc(name)}?next=3`);
    return { ...p, tasks: list(p.tasks), nextFireTimes: list(p.nextFireTimes),
      graph: list(p.graph).map((n) => ({ ...n, dependsOn: list(n.dependsOn) })) };
  },
  runs: async (pipeline?: string, limit = 50) => {
    const page = await call<{ runs: RunSummary[] }>('GET', `/runs?limit=${limit}` + (pipeline ? `&pipeline=${enc(pipeline)}` : ''));
    return { runs: list(page.runs) };
  },
  run: async (runId: string) => {
    const r = await call<RunDetail>('GET', `/runs/${enc(runId)}`);
    return { ...r, parameters: map(r.parameters), failedTasks: list(r.failedTasks), tasks: list(r.tasks) };
  },
  trigger: (name: string) => call<{ runId: string }>('POST', `/pipelines/${enc(name)}/runs`, { requestedBy: 'console' }),
  letters: async (name: string, filter: Record<string, string>, limit = 100) => {
    const page = await call<{ letters: LetterSummary[]; next?: string | null }>('GET',
      `/pipelines/${enc(name)}/dead-letters?${query({ ...filter, limit: String(limit) })}`);
    return { ...page, letters: list(page.letters) };
  },
  letterCounts: async (name: string, filter: Record<string, string>) => {
    const c = await call<LetterCounts>('GET', `/pipelines/${enc(name)}/dead-letters/summary?${query(filter)}`);
    return { ...c, byState: map(c.byState), byTask: map(c.byTask), byRule: map(c.byRule), byField: map(c.byField) };
  },
  letter: async (name: string, id: string) => {
    const l = await call<LetterDetail>('GET', `/pipelines/${enc(name)}/dead-letters/${enc(id)}`);
    return { ...l, headers: map(l.headers) };
  },
  workers: async () => {
    const w = await call<Workers>('GET', '/workers');
    return { services: list(w.services), groups: list(w.groups).map((g) => ({ ...g, unassigned: list(g.unassigned),
      members: list(g.members).map((m) => ({ ...m, partitions: list(m.partitions) })) })) };
  },
};

function query(values: Record<string, string>): string {
  return Object.entries(values).filter(([, v]) => v !== '').map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}
