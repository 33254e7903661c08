import { useCallback, useEffect, useRef } from "react";

/**
 * One web worker at a time, for the page's long computations (Monte Carlo, Plan for me): `launch`
 * stops the last one, starts the worker at `url`, sends it `request` and hands on its messages;
 * `stop` terminates it, as leaving the page does.
 */
export function useWorker<Message>() {
  const worker = useRef<Worker | null>(null);
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);
  const launch = useCallback(
    (url: string, request: unknown, onMessage: (message: Message) => void, onFailure: (message: string) => void) => {
      stop();
      const w = new Worker(url, { type: "module" });
      worker.current = w;
      w.onmessage = (event: MessageEvent<Message>) => onMessage(event.data);
      w.onerror = (event) => {
        onFailure(event.message);
        stop();
      };
      w.postMessage(request);
    },
    [stop],
  );
  return { launch, stop };
}
