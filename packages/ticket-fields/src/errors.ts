/** A field title the account does not have, or one that several fields share. `known` lists the titles there are. */
export class TicketFieldNameError extends TypeError {
  override readonly name = "TicketFieldNameError";
  constructor(
    message: string,
    /** The title asked for. */
    readonly field: string,
    /** The custom field titles of the account. */
    readonly known: readonly string[],
    /** When several fields have the title: their ids. */
    readonly ids: readonly number[] = [],
  ) {
    super(message);
  }
}

/** A value that its field does not take (a dropdown value that is not an option, a date not as `YYYY-MM-DD`…). */
export class TicketFieldValueError extends TypeError {
  override readonly name = "TicketFieldValueError";
  constructor(
    message: string,
    readonly field: string,
    readonly value: unknown,
  ) {
    super(message);
  }
}

/** A custom status name the account does not have, one that several statuses share, or an inactive status. */
export class CustomStatusNameError extends TypeError {
  override readonly name = "CustomStatusNameError";
  constructor(
    message: string,
    readonly status: string | number,
    /** The agent labels of the account's active statuses. */
    readonly known: readonly string[],
  ) {
    super(message);
  }
}
