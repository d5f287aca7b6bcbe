// Types only: a response typed by the `include` values (Zendesk's side-loading) a call asks for.

/** What one `include` value adds: a top-level `sideload`, and/or `fields` on each record under the include's `item`. */
export interface IncludeValueMeta {
  readonly sideload?: string;
  readonly kind?: "array" | "object";
  readonly fields?: readonly string[];
}

/** An operation's include declaration, as codegen writes it from `x-zenfetch-include`. */
export interface IncludeMeta {
  readonly item?: string;
  readonly values: { readonly [value: string]: IncludeValueMeta };
}

/** Every operation's include declaration, keyed `"GET /api/v2/tickets"` like the operations metadata. */
export type IncludesMeta = { readonly [operation: string]: IncludeMeta };

/** The include declaration of `METHOD path`, or `undefined` when the operation has none. */
export type IncludeFor<
  Includes,
  Method extends string,
  Path,
> = `${Uppercase<Method>} ${Path & string}` extends infer Key
  ? Key extends keyof Includes
    ? Includes[Key]
    : undefined
  : undefined;

/** The values an operation's `include` offers. */
export type IncludeValue<Spec> = Spec extends IncludeMeta ? keyof Spec["values"] & string : never;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/**
 * The include values a call asked for, from its `params.query.include`: the values its type names (TypeScript
 * keeps the literals of `include: ["users", "dates"]`), none when it has no `include`. `unknown` when the type
 * does not say which: a `string`, or the whole list of an operation that offers several (a variable typed
 * `TicketInclude[]`); the response is then left as the spec describes it, every sideload optional.
 */
export type AskedIncludes<Init, Spec = undefined> = Init extends { params?: { query?: { include?: infer I } } }
  ? [I] extends [undefined]
    ? never
    : NonNullable<I> extends infer L
      ? (L extends readonly (infer V)[] ? V : L) extends infer V
        ? string extends V
          ? unknown
          : [IncludeValue<Spec>] extends [never]
            ? V
            : [IncludeValue<Spec>] extends [V]
              ? true extends IsUnion<IncludeValue<Spec>>
                ? unknown
                : V
              : V
        : never
      : never
  : never;

type SideloadOf<Spec extends IncludeMeta, V> = V extends keyof Spec["values"]
  ? Spec["values"][V] extends { readonly sideload: infer K extends string }
    ? K
    : never
  : never;
type FieldsOf<Spec extends IncludeMeta, V> = V extends keyof Spec["values"]
  ? Spec["values"][V] extends { readonly fields: readonly (infer F extends string)[] }
    ? F
    : never
  : never;

type Flat<T> = { [K in keyof T]: T[K] };

/** `T` without the properties `All`, with those of `Asked` present. */
type Only<T, All extends PropertyKey, Asked extends PropertyKey> = T extends object
  ? Flat<Omit<T, All> & { [K in Asked & keyof T]-?: NonNullable<T[K]> }>
  : T;

type Records<T, All extends PropertyKey, Asked extends PropertyKey> = T extends readonly (infer R)[]
  ? Only<R, All, Asked>[]
  : Only<T, All, Asked>;

type WithItem<Data, Item, All extends PropertyKey, Asked extends PropertyKey> = [All] extends [never]
  ? Data
  : Item extends keyof Data
    ? Omit<Data, Item> & { [K in Item]: Records<Data[K], All, Asked> }
    : Data;

/**
 * A response body `Data` of an operation whose include declaration is `Spec`, for the values `Asked`: each
 * sideload and field asked for is present (not optional), those not asked for are left out of the type.
 * `Asked` of `unknown` leaves `Data` as it is.
 */
export type Sideloaded<Data, Spec, Asked> = unknown extends Asked
  ? Data
  : Spec extends IncludeMeta
    ? Data extends object
      ? Only<
          WithItem<Data, Spec["item"], FieldsOf<Spec, keyof Spec["values"]>, FieldsOf<Spec, Asked>>,
          SideloadOf<Spec, keyof Spec["values"]>,
          SideloadOf<Spec, Asked>
        >
      : Data
    : Data;
