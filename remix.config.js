/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  // TanStack Table reads process.env.NODE_ENV each time it makes a memo (about 2,200 times for one
  // 1,000-engineer scenario page, each a call into the environment): bundled, the build's
  // "production" is folded in instead. Measured on that page: 2-8 ms less server CPU a GET.
  serverDependenciesToBundle: [/^@tanstack\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
