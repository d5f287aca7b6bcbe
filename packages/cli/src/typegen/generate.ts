import type { Connection } from "../connection.js";
import { type ReadAccountOptions, readAccountModel } from "./account.js";
import { renderAccountModule } from "./render.js";

/** How the module's header names the account: its Zendesk host, or the base URL without credentials or query. */
export function accountSource(connection: Connection): string {
  if (connection.baseUrl) {
    const url = new URL(connection.baseUrl);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  }
  return `${connection.subdomain}.zendesk.com`;
}

export interface GenerateOptions extends ReadAccountOptions {
  /** The time the header gives; now by default. */
  now?: Date;
}

/**
 * The TypeScript module `zenfetch typegen` writes for the account `connection` reaches: `AccountFields` (for
 * `createTicketsClient<AccountFields>(…)` and the other factories), the name ↔ id constants, and the model
 * `--check` compares.
 */
export async function generateAccountModule(connection: Connection, options: GenerateOptions = {}): Promise<string> {
  const model = await readAccountModel(connection, options);
  return renderAccountModule(model, { source: accountSource(connection), generatedAt: options.now ?? new Date() });
}
