/** The options given to `createZendeskClient` cannot work; the message says what to change. */
export class ZendeskConfigError extends TypeError {
  override name = "ZendeskConfigError";
}
