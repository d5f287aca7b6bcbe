// Every operation the users bundle must carry: [method, path, operationId].
export const users: [string, string, string][] = [["GET", "/api/v2/users/me", "ShowCurrentUser"]];
