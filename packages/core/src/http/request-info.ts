// Where a Response came from, kept on the Response itself so that errors made from it can say so.

/** Where a Response came from; the client sets it (non-enumerable) on each response it returns. */
export const REQUEST_INFO: unique symbol = Symbol.for("zenfetch.request-info") as never;
export interface ResponseOrigin {
  method: string;
  url: string;
}

export function requestInfoOf(response: Response): Partial<ResponseOrigin> {
  const info = (response as unknown as { [REQUEST_INFO]?: ResponseOrigin })[REQUEST_INFO];
  return info ?? { url: response.url || undefined };
}

export function tagResponse(response: Response, info: ResponseOrigin): void {
  if (Object.isExtensible(response) && !(REQUEST_INFO in response)) {
    Object.defineProperty(response, REQUEST_INFO, { value: info, enumerable: false });
  }
}
