/**
 * Node 24.19+ with better-sqlite3 < 13 aborts the process when V8 collects a statement (README,
 * "Not Node 24 yet"): said at start, in Vietnamese, rather than found out from a crash.
 */
export function runtimeWarning(node: string, betterSqlite: string): string | null {
  const [major = 0, minor = 0] = node.split('.').map(Number);
  const sqliteMajor = Number(betterSqlite.split('.')[0]);
  if ((major > 24 || (major === 24 && minor >= 19)) && sqliteMajor < 13) {
    return `Node ${node} với better-sqlite3 ${betterSqlite} có thể làm dondoc dừng đột ngột (lỗi RemoveEnvironmentCleanupHook). Hãy chạy dondoc bằng Node 22 LTS (xem README, "Not Node 24 yet").`;
  }
  return null;
}
