/**
 * A response the transport must decide on rather than hand back: a 3xx with a target (how Node's fetch shows a
 * manual redirect), a browser's opaque one (`opaqueredirect`: status 0, target hidden), or one a custom fetch followed itself.
 */
export const isRedirect = (response: Response): boolean =>
  response.redirected ||
  !response.status ||
  (response.status > 299 && response.status < 400 && response.headers.has("location"));
