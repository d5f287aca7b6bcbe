// What few calls need, in one chunk loaded on first use: following a redirect, and a request body that is not
// JSON (a file's bytes, a form). One chunk, so that the startup code names it once.
export { prepareBody } from "./body.js";
export { followRedirects } from "./redirect.js";
