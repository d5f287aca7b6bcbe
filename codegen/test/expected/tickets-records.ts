// Operations of the tickets bundle described in specs/tickets/records.yaml: [method, path, operationId].
export const ticketsRecords: [string, string, string][] = [];
