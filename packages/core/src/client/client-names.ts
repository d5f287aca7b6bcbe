/** The HTTP methods a client offers as calls (`client.GET(path, init)`). */
export const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * Every property a client has of its own: no domain (on a multi-domain client) and no bulk helper (from
 * `x-zenfetch-bulk`, checked by codegen) may take one of these names.
 */
export const CLIENT_NAMES: readonly string[] = [
  ...METHODS,
  "request",
  "use",
  "eject",
  "paginate",
  "waitForJob",
  "waitForJobs",
  "limiter",
  "baseUrl",
  "operations",
];
