/** A headcount request's outcome in a manager's words, for its page, the list and the tests alike. */
import type { RequestStatus } from "~/forms/request";
import { formatMonth } from "./format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2 Dec 2026" (UTC) */
export function shortDay(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

export const STATUS_WORDS: Record<RequestStatus, string> = {
  requested: "Waiting for a decision",
  approved: "Approved",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

export interface RequestOutcome {
  status: RequestStatus;
  requestedByName: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string;
}

/** "Approved by Ana on 2 Dec 2026: Go ahead.", "Declined by Ana on 2 Dec 2026: No budget.", "Withdrawn by Ben on ..." */
export function outcomeInWords(request: RequestOutcome): string {
  if (request.status === "requested" || !request.decidedAt) return "Waiting for an admin's decision";
  const verb = STATUS_WORDS[request.status];
  const who = request.decidedByName || request.requestedByName || "someone";
  const note = request.decisionNote ? `: ${request.decisionNote}` : "";
  return `${verb} by ${who} on ${shortDay(request.decidedAt)}${note}`;
}

/** "Senior Engineer, Mobile, Apr 2027" */
export function requestInWords(request: { levelTitle: string; teamName: string; month: string }): string {
  return [request.levelTitle, request.teamName, formatMonth(request.month)].filter(Boolean).join(", ");
}
