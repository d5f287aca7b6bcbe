/** The ticket fields, forms, custom statuses, form statuses and lookup relationships routes in the contract scenario: each hand-written route is requested and its answer validated. */
import type { DomainContract } from "./step.js";

export const contract: DomainContract = {
  steps: [],
  samples: {},
};
