import type { Loose } from "../test-helpers.js";

/** One request of the contract scenario (contract.test.ts): what to send, what status to expect, what to keep. */
export interface Step {
  name: string;
  method: string;
  path: string | (() => string);
  body?: unknown | (() => unknown);
  /** A body sent as it is, not as JSON (a file to upload). */
  raw?: string;
  headers?: Record<string, string>;
  auth?: false;
  /** The status this step expects (default: any 2xx). */
  status?: number;
  before?: () => void;
  after?: (body: Loose) => void;
}

/**
 * A domain's part of the contract scenario: its steps, run in order after the others, and the path parameter
 * values (`user_id: "2"`) that reach an existing record when the paging check fills in its list routes.
 */
export interface DomainContract {
  steps: Step[];
  samples?: Record<string, string>;
  /** Query parameters the paging check must send to a list route (by pattern), such as a required `query`. */
  pagingQueries?: Record<string, string>;
}

export const get = (step: Omit<Step, "method">, method = "GET"): Step => ({ ...step, method });
