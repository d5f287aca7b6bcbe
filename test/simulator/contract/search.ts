/** The search routes in the contract scenario: each hand-written route is requested and its answer validated. */
import { encodeCursor } from "../pagination.js";
import { type DomainContract, get } from "./step.js";

const saved = { nextPage: "", afterCursor: "" };
const q = (query: string) => encodeURIComponent(query);

export const contract: DomainContract = {
  steps: [
    get({
      name: "search open tickets (first page)",
      path: `/api/v2/search?query=${q("type:ticket status:open")}&per_page=5`,
      after: (body) => (saved.nextPage = body.next_page),
    }),
    get({ name: "search open tickets (next page)", path: () => saved.nextPage }),
    get({
      name: "search every kind of record (tickets, users, organizations, groups)",
      path: `/api/v2/search?query=${q("created>2000-01-01")}&per_page=100`,
    }),
    get({
      name: "search with sideloads of the ticket and user results",
      path: `/api/v2/search?query=${q("created>2000-01-01")}&include=${q("tickets(users),tickets(groups),tickets(organizations),users(organizations)")}`,
      after: (body) => {
        if (!(body.users?.length && body.groups?.length && body.organizations?.length)) {
          throw new Error("expected users, groups and organizations sideloaded");
        }
      },
    }),
    get({
      name: "search sorted by update, oldest first",
      path: `/api/v2/search?query=${q("type:ticket tags:vip")}&sort_by=updated_at&sort_order=asc`,
    }),
    get({
      name: "search a page past the 1,000 results",
      path: `/api/v2/search?query=type:ticket&page=11`,
      status: 422,
    }),
    get({ name: "search without a query", path: "/api/v2/search", status: 400 }),
    get({ name: "count search results", path: `/api/v2/search/count?query=${q("type:user role:end-user")}` }),
    get({
      name: "export open tickets (first page)",
      path: `/api/v2/search/export?query=status:open&filter[type]=ticket&page[size]=5`,
      after: (body) => (saved.afterCursor = body.meta.after_cursor),
    }),
    get({
      name: "export open tickets (next page)",
      path: () =>
        `/api/v2/search/export?query=status:open&filter[type]=ticket&page[size]=5&page[after]=${saved.afterCursor}`,
    }),
    get({ name: "export users", path: `/api/v2/search/export?query=${q("created>2000-01-01")}&filter[type]=user` }),
    get({
      name: "export organizations",
      path: `/api/v2/search/export?query=${q("created>2000-01-01")}&filter[type]=organization`,
    }),
    get({ name: "export groups", path: `/api/v2/search/export?query=${q("created>2000-01-01")}&filter[type]=group` }),
    get({ name: "export without filter[type]", path: "/api/v2/search/export?query=status:open", status: 400 }),
    get({
      name: "export with a type: term in the query",
      path: `/api/v2/search/export?query=${q("type:ticket status:open")}&filter[type]=ticket`,
      status: 400,
    }),
    get({
      name: "export with a cursor issued more than an hour ago",
      path: `/api/v2/search/export?query=status:open&filter[type]=ticket&page[after]=${encodeCursor([0, 0, 0])}`,
      status: 400,
    }),
  ],
  samples: {},
  pagingQueries: {
    "/api/v2/search": "query=type:ticket",
    "/api/v2/search/export": "query=status:open&filter[type]=ticket",
  },
};
