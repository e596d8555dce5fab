import { prepared, type Db } from './database.js';

export interface ChatGroup {
  platform: string;
  chatId: string;
  /** null: the province's group. */
  agencyId: number | null;
  agencyName: string | null;
  linkedAt: string;
}

const SELECT = `SELECT g.platform, g.chat_id AS chatId, g.agency_id AS agencyId, a.name AS agencyName, g.linked_at AS linkedAt
  FROM chat_groups g LEFT JOIN agencies a ON a.id = g.agency_id`;

/** Group chats linked to the province or to an agency. */
export class GroupRepo {
  constructor(private readonly db: Db) {}

  link(platform: string, chatId: string, agencyId: number | null, memberId: number, now: Date): void {
    prepared(
      this.db,
      `INSERT INTO chat_groups (platform, chat_id, agency_id, linked_by, linked_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (platform, chat_id) DO UPDATE SET agency_id = excluded.agency_id, linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
    ).run(platform, chatId, agencyId, memberId, now.toISOString());
  }

  unlink(platform: string, chatId: string): boolean {
    return prepared(this.db, 'DELETE FROM chat_groups WHERE platform = ? AND chat_id = ?').run(platform, chatId).changes > 0;
  }

  get(platform: string, chatId: string): ChatGroup | undefined {
    return prepared(this.db, `${SELECT} WHERE g.platform = ? AND g.chat_id = ?`).get(platform, chatId) as ChatGroup | undefined;
  }

  list(): ChatGroup[] {
    return prepared(this.db, `${SELECT} ORDER BY g.agency_id IS NOT NULL, a.name, g.platform, g.chat_id`).all() as ChatGroup[];
  }
}
