import { createQuerySerializer } from "openapi-fetch";

/**
 * Writes a call's query string as Zendesk reads it: a list as one comma-separated value (`include=users,groups`,
 * `ids=1,2,3`), except under a name that ends in `[]` (`role[]`, `filter_events[]`), which Zendesk reads
 * repeated: `role[]=agent&role[]=admin`. `allowReserved` leaves reserved characters (commas) unescaped.
 */
export function querySerializer(allowReserved = false): (query: Record<string, unknown> | undefined) => string {
  const commaSeparated = createQuerySerializer({ allowReserved, array: { style: "form", explode: false } });
  const repeated = createQuerySerializer({ allowReserved, array: { style: "form", explode: true } });
  return (query) => {
    const plain: Record<string, unknown> = {};
    const brackets: Record<string, unknown> = {};
    for (const key in query) (key.endsWith("[]") ? brackets : plain)[key] = query[key];
    return [commaSeparated(plain), repeated(brackets)].filter(Boolean).join("&");
  };
}
