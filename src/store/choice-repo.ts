import { prepared, pruneRows, type Db } from './database.js';

export interface StoredChoice {
  label: string;
  command: string;
}

/** The choices offered to a chat and the command that produced them (re-run when they expire). */
export interface PendingChoices {
  origin: string | null;
  items: StoredChoice[];
}

/** SQL for the numbered choices a chat was last offered (platforms without buttons answer by number). */
export class ChoiceRepo {
  constructor(private readonly db: Db) {}

  save(platform: string, chatId: string, choices: PendingChoices, now: Date, expiresAt: Date): void {
    prepared(this.db, 
        `INSERT INTO pending_choices (platform, chat_id, choices, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (platform, chat_id) DO UPDATE SET choices = excluded.choices,
           created_at = excluded.created_at, expires_at = excluded.expires_at`,
      )
      .run(platform, chatId, JSON.stringify(choices), now.toISOString(), expiresAt.toISOString());
  }

  /** The chat's last offered choices, marked expired once they lapsed; undefined if there were none. */
  get(platform: string, chatId: string, now: Date): { state: 'live' | 'expired'; pending: PendingChoices } | undefined {
    const row = prepared(this.db, 'SELECT choices, expires_at AS expiresAt FROM pending_choices WHERE platform = ? AND chat_id = ?')
      .get(platform, chatId) as { choices: string; expiresAt: string } | undefined;
    if (!row) return undefined;
    const pending = JSON.parse(row.choices) as PendingChoices;
    return { state: row.expiresAt <= now.toISOString() ? 'expired' : 'live', pending };
  }

  /** Forgets the lists that expired before `before` (an expired list still answers once, with fresh choices); returns how many. `dryRun`: counts only. */
  pruneExpired(before: Date, dryRun: boolean): number {
    return pruneRows(this.db, { table: 'pending_choices', where: 'expires_at < ?' }, [before.toISOString()], dryRun);
  }

  clear(platform: string, chatId: string): void {
    prepared(this.db, 'DELETE FROM pending_choices WHERE platform = ? AND chat_id = ?').run(platform, chatId);
  }
}
