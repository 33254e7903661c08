/** The planning engine: pure functions of their arguments, no I/O, no UI. */
export * from "./ladder";
export * from "./scenario";
export * from "./projection";
export * from "./monte-carlo";
export * from "./readiness";
export * from "./projection-table";
export * from "./periods";
export { addMonths, monthsBetween } from "./months";
export * from "./roster";
export * from "./warnings";
export * from "./comparison";
export { createRandom, Sfc32, type Random } from "./random";
export { atBandMidpoints } from "./pricing";
export * from "./budget";
export * from "./band-fit";
export * from "./mentoring";
export * from "./hiring";
export * from "./goals";
