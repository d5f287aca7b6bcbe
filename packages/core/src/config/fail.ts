import { ZendeskConfigError } from "../errors/config-error.js";

/** Throws the `ZendeskConfigError` that says what to change in the options. */
export const fail = (message: string): never => {
  throw new ZendeskConfigError(`createZendeskClient: ${message}`);
};

/** Characters a header value cannot carry as is: control characters (a CR or LF would start another header) and any beyond Latin-1. */
export const NOT_HEADER = /[^\t\x20-\x7e\xa0-\xff]/;

/** Control characters, for a value that is base64-encoded before it goes into a header (email, password). */
export const CONTROL = /\p{Cc}/u;

/** Refuses `value` when `bad` finds a character in it; the message names `what`, never the value. */
export const checkChars = (what: string, value: string, bad = NOT_HEADER): void => {
  if (bad.test(value)) fail(`${what} has a control character or one a header cannot carry`);
};
