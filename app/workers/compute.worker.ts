/** A compute thread of the server (node:worker_threads): runs one task at a time and answers. */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { TASKS, transferablesOf, type TaskReply, type TaskRequest } from "../services/compute-tasks.server";

// The lowest CPU priority for this thread alone (on Linux a thread has its own id, read from
// /proc/thread-self), so the server's request threads always come first.
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 19);
} catch {
  // Not Linux: the thread keeps the process's priority.
}

async function answer({ id, task, input }: TaskRequest): Promise<void> {
  let reply: TaskReply;
  try {
    reply = { id, ok: true, output: await (TASKS[task] as (input: unknown) => unknown)(input) };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  // A workbook's bytes and a Monte Carlo chunk's samples move to the other thread instead of being copied.
  parentPort!.postMessage(reply, reply.ok ? transferablesOf(reply.output) : []);
}

parentPort!.on("message", (request: TaskRequest) => void answer(request));
