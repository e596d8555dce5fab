/**
 * A task code as stored and as looked up: no spaces ("II. 3.3" and "II.3.3" are one code), no
 * trailing dot or bracket, no "NV" prefix typed before it ("NV I.3.17"). Case is compared later
 * (SQLite NOCASE).
 */
export function taskCodeKey(typed: string): string {
  return typed
    .normalize('NFC')
    .replace(/\s+/g, '')
    .replace(/^NV(?=[\dIVXLivxl])/i, '')
    .replace(/[).]+$/, '');
}

/** A button's reference to one task by id ("t123"): buttons never carry codes, whose length is the plan's. */
export const taskRef = (id: number): string => `t${id}`;

/** The task id in a button reference, or null for anything else. */
export function taskIdOf(ref: string): number | null {
  const match = /^t(\d{1,9})$/.exec(ref.trim());
  return match ? Number(match[1]) : null;
}
