// The types of the helpers `bulkHelpers` builds: one per `bulk` entry of the operations map, its items typed
// from the request body of the operation's path, so that a helper takes exactly what the endpoint does.
import type { BulkMeta, OperationsMeta } from "../../meta/operation-meta.js";
import type { BulkOptions, BulkResult } from "./types.js";

/** `"POST /api/v2/tickets/create_many"` → that operation's types in `Paths`. */
type OperationAt<Paths, Key> = Key extends `${infer Method} ${infer Path}`
  ? Path extends keyof Paths
    ? Lowercase<Method> extends keyof Paths[Path]
      ? NonNullable<Paths[Path][Lowercase<Method>]>
      : never
    : never
  : never;

type JsonBody<Op> = Op extends { requestBody?: infer Body }
  ? NonNullable<Body> extends { content: { "application/json": infer Json } }
    ? Json
    : never
  : never;

/** The type at a property path, through every member of a union (a `oneOf` body) that has it. */
type At<T, Path> = Path extends readonly [infer Head, ...infer Tail]
  ? T extends unknown
    ? Head extends keyof T
      ? At<NonNullable<T[Head]>, Tail>
      : never
    : never
  : T;

type Element<T> = T extends readonly (infer E)[] ? E : never;
type Parent<Path> = Path extends readonly [...infer Init, unknown] ? Init : never;
type Last<Path> = Path extends readonly [...unknown[], infer L] ? L : never;

/** The ids' type: numbers for tickets, strings for records. */
export type BulkIdOf<Meta> = Meta extends { idType: "integer" } ? number : string;

type PathParameters<Op> = Op extends { parameters: { path?: infer P } } ? NonNullable<P> : never;
type QueryParameters<Op, Meta> = Op extends { parameters: { query?: infer Q } }
  ? Omit<NonNullable<Q>, Meta extends { ids: infer Ids extends string } ? Ids : never>
  : never;

/**
 * The options of one helper: `BulkOptions`, plus `params` when the operation takes path parameters (then
 * required: the object key of a records job) or other query parameters (`archive_immediately` of an import).
 */
type HelperOptions<Op, Meta> = BulkOptions<BulkIdOf<Meta>> &
  ([PathParameters<Op>] extends [never]
    ? [keyof QueryParameters<Op, Meta>] extends [never]
      ? unknown
      : { params?: { query?: QueryParameters<Op, Meta> } }
    : { params: { path: PathParameters<Op>; query?: QueryParameters<Op, Meta> } });

type OptionsArgument<Op, Meta> = [PathParameters<Op>] extends [never]
  ? [options?: HelperOptions<Op, Meta>]
  : [options: HelperOptions<Op, Meta>];

type Results<Meta> = Promise<BulkResult<BulkIdOf<Meta>>[]>;

/** The objects that can hold the action and the items (one per variant of a `oneOf` envelope). */
type Envelopes<Op, Meta> = Meta extends { items: infer Items } ? At<JsonBody<Op>, Parent<Items>> : never;
type ActionKey<Meta> = Meta extends { action: infer Action } ? Last<Action> : never;
type ItemsKey<Meta> = Meta extends { items: infer Items } ? Last<Items> : never;
type ActionsOf<E, K> = E extends unknown ? (K extends keyof E ? E[K] : never) : never;
type ItemsFor<E, K, I, Action> = E extends unknown
  ? K extends keyof E
    ? I extends keyof E
      ? Action extends E[K]
        ? Element<E[I]>
        : never
      : never
    : never
  : never;

/** One form of a helper, from its `bulk` entry. */
type HelperOf<Op, Meta> = Meta extends { ids: string; shared: infer Shared }
  ? (
      ids: readonly BulkIdOf<Meta>[],
      shared: At<JsonBody<Op>, Shared>,
      ...options: OptionsArgument<Op, Meta>
    ) => Results<Meta>
  : Meta extends { ids: string }
    ? (ids: readonly BulkIdOf<Meta>[], ...options: OptionsArgument<Op, Meta>) => Results<Meta>
    : Meta extends { action: readonly string[] }
      ? <Action extends ActionsOf<Envelopes<Op, Meta>, ActionKey<Meta>> & string>(
          action: Action,
          items: readonly ItemsFor<Envelopes<Op, Meta>, ActionKey<Meta>, ItemsKey<Meta>, Action>[],
          ...options: OptionsArgument<Op, Meta>
        ) => Results<Meta>
      : Meta extends { items: infer Items }
        ? (items: readonly Element<At<JsonBody<Op>, Items>>[], ...options: OptionsArgument<Op, Meta>) => Results<Meta>
        : never;

/** Every `[operation key, bulk entry]` pair of the map. */
type Entries<Ops> = {
  [Key in keyof Ops]: Ops[Key] extends { readonly bulk: readonly (infer Meta)[] }
    ? Meta extends BulkMeta
      ? [Key, Meta]
      : never
    : never;
}[keyof Ops];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * The helpers `bulkHelpers(client, operations)` returns: one method per helper name the operations declare;
 * a name with two forms (update_many's items, and ids with shared changes) is one overloaded method.
 */
export type BulkHelpers<Paths, Ops extends OperationsMeta> = {
  [Name in Entries<Ops>[1]["helper"]]: UnionToIntersection<
    Entries<Ops> extends infer Entry
      ? Entry extends [infer Key, infer Meta extends { helper: Name }]
        ? HelperOf<OperationAt<Paths, Key>, Meta>
        : never
      : never
  >;
};
