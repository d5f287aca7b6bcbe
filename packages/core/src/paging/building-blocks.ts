/**
 * The paging building blocks, for helpers that page on their own (the incremental exports): one step rule per
 * style, reading a page, refusing a page that comes back. An entry of their own, so that an app that never pages
 * does not load them at startup (paginate loads them on its first page).
 *
 * @module @zenfetch/core/paging
 */
export { readAhead } from "./read-ahead.js";
export { readPage } from "./read-page.js";
export { MAX_EMPTY_PAGES, type PageStep, pageStep, type StepInput } from "./steps.js";
export type { Page } from "./types.js";
export { VisitedPages } from "./visited.js";
