/**
 * The what-if editor's state: the draft someone is editing, the engine's verdict on it and the
 * projection the page shows. The engine runs when the draft changes (validate, then project), in
 * the change itself rather than in render, so rendering stays pure and the timing is the edit's.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  parseScenario,
  parseScenarioEdit,
  projectScenario,
  type ParseResult,
  type Projection,
  type Scenario,
} from "~/domain";
import type { Draft } from "./draft";

interface State {
  /** The saved version the draft started from. */
  version: number;
  draft: Draft;
  parsed: ParseResult;
  /** The draft's projection, or the last valid draft's while the draft has errors. */
  shown: Projection;
  /** How long the last edit's validation and projection took, in ms (null before the first edit). */
  ms: number | null;
}

// The saved document's projection, once per document: the server keeps a stored document between
// requests, so a page view does not project it again.
const savedProjections = new WeakMap<Scenario, Projection>();
function projectSaved(saved: Scenario): Projection {
  let projection = savedProjections.get(saved);
  if (!projection) savedProjections.set(saved, (projection = projectScenario(saved)));
  return projection;
}

const fromSaved = (version: number, saved: Scenario, projection: Projection | null): State => ({
  version,
  draft: saved,
  parsed: { ok: true, scenario: saved },
  shown: projection ?? projectSaved(saved),
  ms: null,
});

export interface WhatIf extends Omit<State, "version"> {
  /** The draft differs from the saved document. */
  dirty: boolean;
  /** Replaces the draft and runs the engine on it. */
  edit: (next: Draft) => void;
  /** Back to the saved document. */
  discard: () => void;
}

/**
 * `saved` at `version` is the stored document and `projection` its projection when the server sent
 * one (a large document, projected in the compute thread); otherwise the engine projects it here.
 * A new saved version (after a save) starts the draft afresh from it.
 */
export function useWhatIf(version: number, saved: Scenario, projection: Projection | null): WhatIf {
  const [state, setState] = useState(() => fromSaved(version, saved, projection));
  let current = state;
  if (state.version !== version) {
    // Adjusting state to new props while rendering, as React recommends over an effect.
    current = fromSaved(version, saved, projection);
    setState(current);
  }
  // The last draft that parsed, with its parse: an edit that leaves the team alone (drafts are
  // updated immutably, so its array is the same) does not validate every engineer again. The saved
  // document is validated once the page is idle rather than taken as parsed: it was stored under
  // the rules of its day, and a viewer's is priced at band midpoints.
  const lastParsed = useRef<{ input: Draft; scenario: Scenario } | undefined>(undefined);
  useEffect(() => {
    const seed = () => {
      if (lastParsed.current?.input.team === saved.team) return;
      const parsed = parseScenario(saved);
      if (parsed.ok) lastParsed.current = { input: saved, scenario: parsed.scenario };
    };
    if (typeof requestIdleCallback !== "function") {
      const timer = setTimeout(seed, 200);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(seed, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, [saved]);
  const edit = useCallback((next: Draft) => {
    const started = performance.now();
    const parsed = parseScenarioEdit(next, lastParsed.current);
    const projected = parsed.ok ? projectScenario(parsed.scenario) : null;
    const ms = performance.now() - started;
    if (parsed.ok) lastParsed.current = { input: next, scenario: parsed.scenario };
    setState((s) => ({ ...s, draft: next, parsed, shown: projected ?? s.shown, ms }));
  }, []);
  const discard = useCallback(() => setState(fromSaved(version, saved, projection)), [version, saved, projection]);
  const { draft } = current;
  // The untouched draft is the saved document itself: no need to write out a large team twice to see so.
  const dirty = useMemo(() => draft !== saved && JSON.stringify(draft) !== JSON.stringify(saved), [draft, saved]);
  return { draft, parsed: current.parsed, shown: current.shown, ms: current.ms, dirty, edit, discard };
}
