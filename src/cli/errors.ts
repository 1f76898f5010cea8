/** An error the user caused and can fix (bad option value, unreadable model): exit 2 with the message only. */
export class UsageError extends Error {}
