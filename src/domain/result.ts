/** An expected outcome: a value, or a failure (a stable code, or an object with one) that each transport words. */
export type Result<T, E extends string | { code: string }> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <const E extends string | { code: string }>(error: E): { ok: false; error: E } => ({ ok: false, error });
