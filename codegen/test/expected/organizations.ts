// Every operation the organizations bundle must carry: [method, path, operationId].
export const organizations: [string, string, string][] = [
  ["GET", "/api/v2/organizations/{organization_id}", "ShowOrganization"],
];
