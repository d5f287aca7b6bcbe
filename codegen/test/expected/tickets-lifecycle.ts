// Operations of the tickets bundle described in specs/tickets/lifecycle.yaml: [method, path, operationId].
export const ticketsLifecycle: [string, string, string][] = [];
