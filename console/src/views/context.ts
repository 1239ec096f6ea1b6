/** What a view gets from the router: where to draw, the route's parts and query, and how to ask for a sign-in. */
export interface ViewContext {
  root: HTMLElement;
  params: string[];
  query: URLSearchParams;
  errors: HTMLElement;
  unauthorized: () => void;
}

/** A view draws itself and returns what stops its polling. */
export type View = (ctx: ViewContext) => () => void;

export const TERMINAL_RUN_STATES = ['SUCCEEDED', 'SUCCEEDED_WITH_REJECTS', 'FAILED', 'CANCELLED'];
