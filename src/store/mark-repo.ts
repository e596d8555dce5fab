import { prepared, type Db } from './database.js';

export interface ServiceMark {
  name: string;
  at: string;
  detail: string | null;
}

/** What the running service last did (service_marks): one row per mark name, overwritten each time. */
export class MarkRepo {
  constructor(private readonly db: Db) {}

  set(name: string, at: Date, detail: string | null = null): void {
    prepared(this.db, 'INSERT INTO service_marks (name, at, detail) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at, detail = excluded.detail').run(
      name,
      at.toISOString(),
      detail,
    );
  }

  get(name: string): ServiceMark | undefined {
    return prepared(this.db, 'SELECT name, at, detail FROM service_marks WHERE name = ?').get(name) as ServiceMark | undefined;
  }
}
