import { ZendeskConfigError } from "../errors/config-error.js";

/** Throws the `ZendeskConfigError` that says what to change in the options. */
export const fail = (message: string): never => {
  throw new ZendeskConfigError(`createZendeskClient: ${message}`);
};
