/**
 * Patterns that pick requests, shared by faults and endpoint limits: `"GET /api/v2/tickets"`,
 * `"POST /api/v2/tickets/{ticket_id}/merge"` (`{name}` or `:name` is one segment), `"* /api/v2/incremental/*"` (`*`
 * in a path is anything), `"GET|HEAD /path"`, or a bare path for every method.
 */
export function compileRequestPattern(match: string): (method: string, path: string) => boolean {
  const trimmed = match.trim();
  const space = trimmed.indexOf(" ");
  const method = space > 0 ? trimmed.slice(0, space).toUpperCase() : "*";
  const path = (space > 0 ? trimmed.slice(space + 1) : trimmed).trim().replace(/\.json$/, "");
  const regex = new RegExp(
    `^${path
      .split(/(\{[^}/]+\}|:[A-Za-z_][A-Za-z0-9_]*|\*)/)
      .map((part) => {
        if (part === "*") return ".*";
        if (/^\{[^}/]+\}$/.test(part) || /^:[A-Za-z_]/.test(part)) return "[^/]+";
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("")}$`,
  );
  const methods = method === "*" ? undefined : new Set(method.split("|"));
  return (m, p) => (!methods || methods.has(m)) && regex.test(p);
}
