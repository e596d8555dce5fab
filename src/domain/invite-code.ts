import { createHash, randomInt } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so codes survive being read aloud or retyped. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/** A fresh invite code such as "K7QF-92XM-TA" (50 random bits; only its hash is stored). */
export function newInviteCode(random: (max: number) => number = randomInt): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) raw += ALPHABET[random(ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** Normalises what a user typed (case, spaces, dashes, O/0 and I/L/1 confusions); null if it cannot be a code. */
export function normaliseInviteCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s_-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const char of cleaned) if (!ALPHABET.includes(char)) return null;
  return cleaned;
}

/** True when a message looks like an invite code typed on its own (platforms without deep links). */
export function looksLikeInviteCode(text: string): boolean {
  return /^[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{2}$/.test(text.trim()) && normaliseInviteCode(text) !== null;
}

/** The stored form of a code: a SHA-256 of its normalised text, so a copied database leaks no usable code. */
export function hashInviteCode(normalised: string): string {
  return createHash('sha256').update(`dondoc-invite:${normalised}`).digest('hex');
}
