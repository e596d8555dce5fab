/**
 * A small typed client for Zalo's Bot Platform API (https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>).
 * Written here because no well-kept npm package covers this API (see README); it needs only
 * fetch: JSON in, `{ ok, result }` out.
 */

export interface ZaloUser {
  id: string;
  display_name?: string;
  name?: string;
  is_bot?: boolean;
}

export interface ZaloMessage {
  message_id: string;
  from: ZaloUser;
  chat: { id: string; chat_type: 'PRIVATE' | 'GROUP' };
  date: number;
  text?: string;
  photo_url?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
}

export interface ZaloUpdate {
  event_name: string;
  message?: ZaloMessage;
}

/** An error answer of the Zalo Bot API (HTTP status and the API's own code and description). */
export class ZaloApiError extends Error {
  override name = 'ZaloApiError';
  constructor(
    readonly method: string,
    readonly status: number,
    readonly errorCode: number | undefined,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(`Zalo API ${method} ${status}${errorCode !== undefined ? `/${errorCode}` : ''}: ${description}`);
  }
}

/** The Zalo Bot API root unless configured otherwise. */
export const ZALO_API_ROOT = 'https://bot-api.zaloplatforms.com';

/** Zalo's limit for one text message, in characters. */
export const ZALO_TEXT_LIMIT = 2000;

export class ZaloClient {
  constructor(
    private readonly token: string,
    private readonly root: string = ZALO_API_ROOT,
    /** Aborted when dondoc stops: every call in flight ends at once (the outbox keeps what was not sent). */
    private readonly stop?: AbortSignal,
  ) {}

  /** Calls a method; resolves with `result`, or null for an empty long poll (HTTP 408, or 408 in the body). */
  async call<T>(method: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T | null> {
    const both = signal && this.stop ? AbortSignal.any([signal, this.stop]) : (signal ?? this.stop);
    const response = await fetch(`${this.root}/bot${this.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      ...(both ? { signal: both } : {}),
    });
    if (response.status === 408) return null;
    const body = (await response.json().catch(() => ({}))) as {
      ok?: boolean;
      result?: T;
      error_code?: number;
      description?: string;
      parameters?: { retry_after?: number };
    };
    // An empty long poll: some deployments answer HTTP 408, others HTTP 200 with error_code 408 in the body.
    if (body.error_code === 408) return null;
    if (!response.ok || body.ok === false) {
      throw new ZaloApiError(method, response.status, body.error_code, body.description ?? response.statusText, body.parameters?.retry_after);
    }
    return (body.result ?? null) as T | null;
  }

  getMe(): Promise<{ id: string; name?: string } | null> {
    return this.call('getMe');
  }

  /** Long-polls for one update (Zalo returns one per call); null when nothing came in time. */
  getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloUpdate | null> {
    return this.call<ZaloUpdate>('getUpdates', { timeout: String(timeoutSeconds) }, signal);
  }

  sendMessage(chatId: string, text: string): Promise<{ message_id: string } | null> {
    return this.call('sendMessage', { chat_id: chatId, text });
  }

  /** "typing…" in the chat (Zalo Bot API sendChatAction). */
  sendChatAction(chatId: string, action: 'typing'): Promise<unknown> {
    return this.call('sendChatAction', { chat_id: chatId, action });
  }

  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<{ message_id: string } | null> {
    return this.call('sendPhoto', { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) });
  }

  setWebhook(url: string, secretToken: string): Promise<unknown> {
    return this.call('setWebhook', { url, secret_token: secretToken });
  }

  deleteWebhook(): Promise<unknown> {
    return this.call('deleteWebhook');
  }
}
