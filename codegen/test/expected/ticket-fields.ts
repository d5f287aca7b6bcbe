// Every operation the ticket-fields bundle must carry: [method, path, operationId].
export const ticketFields: [string, string, string][] = [["GET", "/api/v2/ticket_fields/count", "CountTicketFields"]];
