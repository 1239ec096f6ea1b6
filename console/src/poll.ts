import { ApiError } from './api';
import { h } from './dom';

/**
 * Runs `load` now and again `intervalMs` after each answer, until the returned stop is called (the
 * router calls it when the view is left). `load` returns false to stop polling (a finished run).
 * Errors are shown in `errors` and polling goes on: the scheduler may be restarting.
 */
export function poll(load: () => Promise<boolean | void>, intervalMs: number, errors: HTMLElement, onUnauthorized: () => void): () => void {
  let stopped = false;
  let timer: number | undefined;
  const tick = async () => {
    if (stopped) return;
    try {
      const more = await load();
      errors.replaceChildren();
      if (more === false) return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        onUnauthorized();
        return;
      }
      errors.replaceChildren(h('div', { class: 'error', 'data-testid': 'error' }, (e as Error).message));
    }
    if (!stopped) timer = window.setTimeout(tick, intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
