import type { Resolution } from '../domain/agency-resolver.js';
import { ROLE_LABELS, ROLE_WORDS, type Role } from '../domain/roles.js';
import type { SheetPerson } from '../reports/invite-sheet.js';
import { textKey } from '../domain/text-key.js';
import { readTableFile } from './table-file.js';

/** One person of Sở Nội vụ's list of focal points and leaders, as read from the file. */
export interface ListedPerson {
  /** The spreadsheet row (1-based), for messages. */
  row: number;
  name: string;
  agencyText: string;
  role: Role;
}

/** A row dondoc cannot act on, with the reason in Vietnamese. */
export interface ListProblem {
  row: number;
  problem: string;
}

/** What people write for a role in the "Vai trò" column (besides dau_moi, lanh_dao, quan_tri). */
const ROLE_TEXTS: Record<string, Role> = {
  'dau moi': 'focal',
  'dau moi cchc': 'focal',
  'can bo dau moi': 'focal',
  'cong chuc dau moi': 'focal',
  'lanh dao': 'leader',
  'quan tri': 'admin',
};

const HEADERS = {
  name: ['ho ten', 'ho va ten', 'ten', 'ho, ten'],
  agency: ['co quan', 'don vi', 'co quan, don vi', 'co quan/don vi', 'co quan, don vi, dia phuong'],
  role: ['vai tro'],
};

/** A person's name as compared: Unicode-normalised, lower case, single spaces (diacritics kept: "An" is not "Ấn"). */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/**
 * Reads the list (CSV or XLSX): the first row naming a "Họ tên" and a "Cơ quan" column is the
 * header; "Vai trò" is optional (empty = đầu mối). Other columns (chức vụ, điện thoại) are not kept.
 */
export async function readInviteList(fileName: string, data: Buffer): Promise<{ ok: true; people: ListedPerson[]; problems: ListProblem[] } | { ok: false; problem: string }> {
  const table = await readTableFile(fileName, data);
  if (!table.ok) {
    return { ok: false, problem: table.error === 'unsupported_type' ? 'chỉ đọc được tệp .csv hoặc .xlsx' : table.error === 'empty' ? 'tệp trống' : 'không đọc được tệp (hỏng hoặc quá lớn)' };
  }
  const rows = table.rows;
  const find = (cells: string[], names: string[]) => cells.findIndex((c) => names.includes(textKey(c).replace(/[.:]$/, '')));
  const headerAt = rows.findIndex((cells) => find(cells, HEADERS.name) >= 0 && find(cells, HEADERS.agency) >= 0);
  if (headerAt < 0) return { ok: false, problem: 'không thấy dòng tiêu đề có cột “Họ tên” và cột “Cơ quan”' };
  const header = rows[headerAt]!;
  const col = { name: find(header, HEADERS.name), agency: find(header, HEADERS.agency), role: find(header, HEADERS.role) };
  const people: ListedPerson[] = [];
  const problems: ListProblem[] = [];
  rows.slice(headerAt + 1).forEach((cells, index) => {
    const row = headerAt + index + 2;
    const name = (cells[col.name] ?? '').replace(/\s+/g, ' ').trim();
    const agencyText = (cells[col.agency] ?? '').replace(/\s+/g, ' ').trim();
    const roleText = col.role >= 0 ? (cells[col.role] ?? '').trim() : '';
    if (name === '' && agencyText === '') return;
    if (name === '') return void problems.push({ row, problem: 'thiếu họ tên' });
    if (name.length > 120) return void problems.push({ row, problem: 'họ tên quá dài' });
    if (agencyText === '') return void problems.push({ row, problem: `thiếu cơ quan của ${name}` });
    const role = roleText === '' ? 'focal' : (ROLE_WORDS[roleText.toLowerCase()] ?? ROLE_TEXTS[textKey(roleText)]);
    if (!role) return void problems.push({ row, problem: `vai trò “${roleText}” không rõ (đầu mối, lãnh đạo hoặc quản trị)` });
    people.push({ row, name, agencyText, role });
  });
  if (people.length === 0 && problems.length === 0) return { ok: false, problem: 'danh sách không có ai' };
  return { ok: true, people, problems };
}

/** Each person's agency, resolved as plan cells are: exactly one agency, or a problem naming the cell. */
export function resolveListAgencies(people: ListedPerson[], resolve: (cell: string) => Resolution): { resolved: (ListedPerson & { agencyId: number })[]; problems: ListProblem[] } {
  const resolved: (ListedPerson & { agencyId: number })[] = [];
  const problems: ListProblem[] = [];
  for (const person of people) {
    const r = resolve(person.agencyText);
    if (r.unresolved.length > 0 || r.agencyIds.length === 0) problems.push({ row: person.row, problem: `không biết cơ quan “${person.agencyText}”` });
    else if (r.agencyIds.length > 1) problems.push({ row: person.row, problem: `“${person.agencyText}” chỉ nhiều cơ quan; mỗi người ghi một cơ quan` });
    else resolved.push({ ...person, agencyId: r.agencyIds[0]! });
  }
  return { resolved, problems };
}

/** A person of the list with their agency found. */
export type ResolvedPerson = ListedPerson & { agencyId: number };

/**
 * The list as the CLI and the chat both read it: every row's agency resolved, a person listed
 * twice for the same agency reported as a problem. Nothing is written; `problems` non-empty means
 * nothing may be made (sorted by row).
 */
export async function prepareInviteList(
  fileName: string,
  data: Buffer,
  resolve: (cell: string) => Resolution,
): Promise<{ ok: true; people: ResolvedPerson[]; problems: ListProblem[] } | { ok: false; problem: string }> {
  const read = await readInviteList(fileName, data);
  if (!read.ok) return read;
  const { resolved, problems } = resolveListAgencies(read.people, resolve);
  const seen = new Map<string, number>();
  for (const person of resolved) {
    const key = `${person.agencyId}|${nameKey(person.name)}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ row: person.row, problem: `${person.name} trùng với dòng ${first}` });
    else seen.set(key, person.row);
  }
  return { ok: true, people: resolved, problems: [...read.problems, ...problems].sort((a, b) => a.row - b.row) };
}

/** The people `issueList` returned, as the printable sheet shows them; `link` makes a code's Telegram deep link (null: no QR). */
export function sheetPeople(
  people: { name: string; agency: { code: string; name: string }; role: Role; code: string | null; expiresAt: Date | null }[],
  link: (code: string) => string | null,
): SheetPerson[] {
  return people.map((p) => ({ name: p.name, agencyCode: p.agency.code, agencyName: p.agency.name, roleLabel: ROLE_LABELS[p.role], code: p.code, link: p.code ? link(p.code) : null, expiresAt: p.expiresAt }));
}
