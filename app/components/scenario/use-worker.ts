import { useCallback, useEffect, useRef } from "react";

/**
 * Web workers for one of the page's long computations at a time (Monte Carlo, Plan for me):
 * `launchAll` stops the last ones, starts one worker at `url` per request, sends each its request
 * and hands on their messages with the worker's index; `launch` is the same for one worker;
 * `send` posts a further message to one of them; `stop` terminates them all, as leaving the page
 * does.
 */
export function useWorker<Message>() {
  const workers = useRef<Worker[]>([]);
  const stop = useCallback(() => {
    for (const w of workers.current) w.terminate();
    workers.current = [];
  }, []);
  useEffect(() => stop, [stop]);
  const launchAll = useCallback(
    (
      url: string,
      requests: unknown[],
      onMessage: (message: Message, index: number) => void,
      onFailure: (message: string) => void,
    ) => {
      stop();
      const started = requests.map((request, index) => {
        const w = new Worker(url, { type: "module" });
        w.onmessage = (event: MessageEvent<Message>) => {
          if (workers.current === started) onMessage(event.data, index);
        };
        w.onerror = (event) => {
          if (workers.current !== started) return;
          onFailure(event.message);
          stop();
        };
        return w;
      });
      workers.current = started;
      started.forEach((w, index) => w.postMessage(requests[index]));
    },
    [stop],
  );
  const launch = useCallback(
    (url: string, request: unknown, onMessage: (message: Message) => void, onFailure: (message: string) => void) =>
      launchAll(url, [request], (message) => onMessage(message), onFailure),
    [launchAll],
  );
  const send = useCallback((index: number, message: unknown, transfer: Transferable[] = []) => {
    workers.current[index]?.postMessage(message, transfer);
  }, []);
  return { launch, launchAll, send, stop };
}
