import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  resolve: { alias: { "~": fileURLToPath(new URL("../app", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/database.ts"],
    globalSetup: ["test/setup/compute-worker.ts"],
    env: { TEAMSHAPE_COMPUTE_WORKER: fileURLToPath(new URL("../build/test/compute-worker.mjs", import.meta.url)) },
    testTimeout: 30_000,
  },
});
