/**
 * Suspended tickets and permanently deleted tickets, kept per store. A dozen messages are seeded as suspended, each
 * with a cause, some from known users and some with files; two come from a blocked sender and cannot be recovered.
 * Tickets erased for good stay in the ticket table as deleted rows (the ticket export still reports them) but are
 * listed here, so that neither the deleted tickets list nor a restore reaches them again.
 */
import type { Store } from "./store.js";
import type { StoredFile } from "./uploads.js";

export interface SuspendedRow {
  id: number;
  /** A known user's id, or null when the sender is not a user. */
  authorId: number | null;
  authorName: string;
  authorEmail: string;
  subject: string;
  content: string;
  cause: string;
  causeId: number;
  /** The ticket the message replies to, if any. */
  ticketId: number | null;
  messageId: string | null;
  channel: string;
  /** False for a message recovery refuses (a blocked sender). */
  recoverable: boolean;
  /** Names and text of the message's files; stored as uploads on first use (they need the simulator's origin). */
  files: { name: string; contentType: string; text: string }[];
  createdAt: number;
  updatedAt: number;
}

/** Seeded suspended ids start here, so they never look like ticket ids. */
export const SUSPENDED_BASE = 3001;
export const SUSPENDED_SEEDED = 12;

const CAUSES: [string, number][] = [
  ["Detected as spam", 0],
  ["Automated response mail", 1],
  ["Detected email loop", 2],
  ["Unverified email address", 5],
  ["Received from support address", 9],
];
const SUBJECTS = [
  "Out of office until Monday",
  "Invoice attached",
  "Re: your order",
  "Cheap watches",
  "Printer keeps jamming",
  "Delivery notification",
];

export class SuspendedState {
  readonly rows = new Map<number, SuspendedRow>();
  /** Files of seeded messages once stored as uploads, by suspended id. */
  private readonly stored = new Map<number, StoredFile[]>();

  constructor(private readonly store: Store) {
    const time = store.seed.startTime;
    for (let n = 0; n < SUSPENDED_SEEDED; n++) {
      const id = SUSPENDED_BASE + n;
      const [cause, causeId] = CAUSES[n % CAUSES.length] as [string, number];
      const blocked = n % 6 === 5;
      // Messages from seeded users (3 and up) alternate with ones from strangers.
      const userId = n % 2 === 0 && store.seed.users >= 3 + n ? 3 + n : null;
      const user = userId === null ? undefined : store.users.get(userId);
      this.rows.set(id, {
        id,
        authorId: user ? user.id : null,
        authorName: user ? user.name : `Sender ${n + 1}`,
        authorEmail: user ? user.email : `sender${n + 1}@elsewhere.example`,
        subject: SUBJECTS[n % SUBJECTS.length] as string,
        content: `Message ${n + 1} held back: ${cause.toLowerCase()}.`,
        cause: blocked ? "Blocked sender" : cause,
        causeId: blocked ? 12 : causeId,
        ticketId: null,
        messageId: `<suspended-${id}@mail.example>`,
        channel: "email",
        recoverable: !blocked,
        files:
          n % 4 === 1 ? [{ name: `note-${id}.txt`, contentType: "text/plain", text: `File of message ${id}` }] : [],
        createdAt: time + n * 60,
        updatedAt: time + n * 60,
      });
    }
  }

  /** Suspended messages in id order. */
  list(): SuspendedRow[] {
    return [...this.rows.values()].sort((a, b) => a.id - b.id);
  }

  /** The message's files as stored files (uploaded on first use, so their addresses work). */
  filesOf(row: SuspendedRow, origin: string): StoredFile[] {
    const known = this.stored.get(row.id);
    if (known) return known;
    const files = row.files.flatMap((file) => {
      const added = this.store.uploads.add(
        undefined,
        { name: file.name, contentType: file.contentType, bytes: Buffer.from(file.text), origin },
        this.store.now(),
      );
      return added ? [added.file] : [];
    });
    this.stored.set(row.id, files);
    return files;
  }

  /** Puts copies of the message's files in a new upload and returns its token and files. */
  copyFiles(row: SuspendedRow, origin: string): { token: string; files: StoredFile[] } | undefined {
    let token: string | undefined;
    const files: StoredFile[] = [];
    for (const file of this.filesOf(row, origin)) {
      const added = this.store.uploads.add(
        token,
        { name: file.name, contentType: file.contentType, bytes: file.bytes, origin },
        this.store.now(),
      );
      if (!added) return undefined;
      token = added.upload.token;
      files.push(added.file);
    }
    if (token === undefined) {
      // No files: an empty upload still has a token, as Zendesk answers.
      return { token: `empty-${row.id}`, files };
    }
    return { token, files };
  }
}

const suspended = new WeakMap<Store, SuspendedState>();
const purged = new WeakMap<Store, Set<number>>();

export function suspendedOf(store: Store): SuspendedState {
  let state = suspended.get(store);
  if (!state) {
    state = new SuspendedState(store);
    suspended.set(store, state);
  }
  return state;
}

/** Ids of tickets erased for good. */
export function purgedOf(store: Store): Set<number> {
  let set = purged.get(store);
  if (!set) {
    set = new Set();
    purged.set(store, set);
  }
  return set;
}
