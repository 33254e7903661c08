import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * True once the page runs in the browser. False in the server's render and while hydrating it;
 * true at once for anything mounted later.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * A select's options as sent: every one once the page runs, only the chosen one before. A page with
 * a select per row (the plan's months, kinds, levels and teams) would otherwise send each list once
 * per row, and only the page's script can change those selects anyway.
 */
export function offeredOptions<T>(hydrated: boolean, options: readonly T[], isChosen: (option: T) => boolean): T[] {
  return hydrated ? [...options] : options.filter(isChosen);
}
