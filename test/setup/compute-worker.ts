/**
 * Builds the server's compute thread (app/workers/compute.worker.ts) once per test run, as
 * `npm run build` does for the app, so route tests run heavy jobs in a real worker thread.
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

export const COMPUTE_WORKER_FOR_TESTS = fileURLToPath(new URL("../../build/test/compute-worker.mjs", import.meta.url));

/** Bundles the compute thread into `outfile`, as `npm run build` does (also used by the Monte Carlo bench). */
export async function buildComputeWorker(outfile: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL("../../app/workers/compute.worker.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
}

export default function setup(): Promise<void> {
  return buildComputeWorker(COMPUTE_WORKER_FOR_TESTS);
}
