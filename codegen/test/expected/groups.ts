// Every operation the groups bundle must carry: [method, path, operationId].
export const groups: [string, string, string][] = [["GET", "/api/v2/groups/count", "CountGroups"]];
