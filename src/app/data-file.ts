import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { DataFileError } from '../errors.js';

/** Where the province's data files live (default: the repository's data/ folder). */
export const DATA_DIR = join(process.cwd(), 'data');

/** Reads and validates one JSON data file; throws a DataFileError naming the file and the bad field, in Vietnamese. */
export function readDataFile<T>(path: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DataFileError(path, what, undefined, (error as Error).message);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataFileError(path, what, issue.path.join('.'), issue.message);
  }
  return parsed.data;
}
