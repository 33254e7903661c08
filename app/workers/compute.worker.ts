/** A compute thread of the server (node:worker_threads): runs one task at a time and answers. */
import { parentPort } from "node:worker_threads";
import { TASKS, type TaskReply, type TaskRequest } from "./compute-tasks";

parentPort!.on("message", ({ id, task, input }: TaskRequest) => {
  let reply: TaskReply;
  try {
    reply = { id, ok: true, output: (TASKS[task] as (input: unknown) => unknown)(input) };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
