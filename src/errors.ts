/**
 * Errors that cross layers, named and carrying their context (like grammY's GrammyError), so a log
 * line says where it happened. Expected outcomes (a bad argument, an unknown code) are not errors:
 * they are `Result` codes, worded for people only in commands/.
 */

/** Where a call to a chat platform failed. */
export interface DeliveryContext {
  platform: string;
  /** The chat the call was for (absent for calls that concern no chat, e.g. getMe). */
  chatId?: string;
  /** The platform API's method, e.g. "sendMessage". */
  method?: string;
  /** The HTTP status or the platform's own error code. */
  status?: number;
}

function where(context: DeliveryContext): string {
  return [context.platform, context.chatId && `chat ${context.chatId}`, context.method, context.status].filter(Boolean).join(', ');
}

/** A call to a chat platform failed; anything not more specific below is transient (retry later). */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    readonly reason: string,
    readonly context: DeliveryContext,
    options?: { cause?: unknown },
  ) {
    super(`${reason} (${where(context)})`, options);
  }
}

/** The platform said "too many requests": every send on that platform waits `retryAfterSeconds`. */
export class RateLimitedError extends DeliveryError {
  override name = 'RateLimitedError';
  constructor(
    readonly retryAfterSeconds: number,
    context: DeliveryContext,
    options?: { cause?: unknown },
  ) {
    super(`rate limited for ${retryAfterSeconds}s`, context, options);
  }
}

/** The platform's monthly message quota is used up (Zalo's 429): nothing more goes out there this month. */
export class QuotaExceededError extends DeliveryError {
  override name = 'QuotaExceededError';
}

/** The user blocked the bot or the chat no longer exists: do not try again. */
export class UnreachableError extends DeliveryError {
  override name = 'UnreachableError';
}

/** A data file (directory, holidays, policy, rubric, reports) cannot be read or is invalid. */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(
    readonly path: string,
    /** What the file is, in Vietnamese ("Lịch nghỉ lễ"). */
    readonly what: string,
    /** The JSON path of the bad field, when the file was read but is invalid. */
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(field === undefined ? `Không đọc được ${what} ${path}: ${problem}` : `${what} ${path} sai ở ${field}: ${problem}`);
  }
}

/** A row the store just wrote is not there: the database is not behaving as SQLite promises. */
export class StoreInvariantError extends Error {
  override name = 'StoreInvariantError';
  constructor(
    readonly table: string,
    readonly key: string | number,
    detail: string,
  ) {
    super(`${table} ${key}: ${detail}`);
  }
}
