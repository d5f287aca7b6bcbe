import { guard } from "./guard.js";
import { ZendeskError, type ZendeskErrorInit } from "./zendesk-error.js";

/**
 * The server answered with a redirect the client will not follow: to another origin, from https to http, for a
 * write, or one too many. `status` is the redirect's, `location` where it pointed (without userinfo; undefined
 * when the runtime hides it, as a browser does).
 */
export class RedirectError extends ZendeskError {
  override name = "RedirectError";
  readonly location: string | undefined;

  constructor(message: string, init: ZendeskErrorInit & { location?: string }) {
    super(message, init);
    this.location = init.location;
  }
}

export const isRedirectError = /* @__PURE__ */ guard(RedirectError, "RedirectError");
