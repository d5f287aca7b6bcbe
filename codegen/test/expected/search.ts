// Every operation the search bundle must carry: [method, path, operationId].
export const search: [string, string, string][] = [
  ["GET", "/api/v2/search", "ListSearchResults"],
  ["GET", "/api/v2/search/count", "CountSearchResults"],
  ["GET", "/api/v2/search/export", "ExportSearchResults"],
];
