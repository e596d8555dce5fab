/**
 * Whether a word can be a Vietnamese syllable: an initial consonant (or none), a rhyme from the
 * language's closed list (medial, main vowel, final), at most one tone mark, and the spelling rules
 * ("k", "gh", "ngh" before i, e, ê; "c", "g", "ng" elsewhere; a syllable ending in p, t, c, ch takes
 * only the acute or dot-below tone). Used to flag OCR misreads that tesseract reports confidently
 * ("tcủa", "Iàm", "thuc"): a word that is no possible syllable is certainly not what the paper says.
 */

/** Tone marks (decomposed): grave, acute, tilde, hook above, dot below. */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

const INITIALS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];

/** Every rhyme of the language without its tone (Vietnamese spelling tables; "oong", "ooc" of boong, soóc). */
const RHYMES = new Set(
  [
    'a ac ach ai am an ang anh ao ap at au ay',
    'ăc ăm ăn ăng ăp ăt',
    'âc âm ân âng âp ât âu ây',
    'e ec em en eng eo ep et',
    'ê êch êm ên ênh êp êt êu',
    'i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu',
    'o oc oi om on ong op ot oong ooc',
    'ô ôc ôi ôm ôn ông ôp ôt',
    'ơ ơi ơm ơn ơp ơt',
    'u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt',
    'ư ưa ưc ưi ưm ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu',
    'y yêm yên yêt yêu',
    'oa oac oach oai oam oan oang oanh oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet',
    'uân uâng uât uây uê uêch uênh uơ uy uya uych uyên uyêt uynh uyt uyu',
  ].flatMap((line) => line.split(' ')),
);

/** After "qu" the u is the medial: the rest is a rhyme without one ("quốc", "quyết", "quỳnh"). */
const AFTER_QU = new Set([...[...RHYMES].filter((r) => /^[aăâeêoôơiy]/u.test(r) && !/^o[aăe]/u.test(r)), 'ych', 'ynh', 'yt', 'ya']);

/** Whether `word` (letters only, any case, NFC or NFD) can be one Vietnamese syllable. */
export function possibleSyllable(word: string): boolean {
  const decomposed = word.normalize('NFD').toLowerCase();
  const tones = decomposed.match(TONES) ?? [];
  if (tones.length > 1) return false;
  const letters = decomposed.replace(TONES, '').normalize('NFC');
  if (!/^[a-zđăâêôơư]+$/u.test(letters)) return false;
  const tone = tones[0];
  return INITIALS.some((initial) => {
    if (!letters.startsWith(initial)) return false;
    const rhyme = letters.slice(initial.length);
    if (initial === 'qu' ? !AFTER_QU.has(rhyme) : !RHYMES.has(rhyme)) return false;
    const front = /^[ieêy]/u.test(rhyme);
    // k, gh, ngh only before i, e, ê, y; c, ng (and g but for gi-words: gì, gìn) never there.
    if ((initial === 'k' || initial === 'gh' || initial === 'ngh') && !front) return false;
    if ((initial === 'c' || initial === 'ng') && front) return false;
    if (initial === 'g' && /^[eê]/u.test(rhyme)) return false;
    if (initial === 'gi' && /^i/u.test(rhyme)) return false;
    // A syllable closed by a stop (p, t, c, ch) is said with the acute or the dot-below tone only.
    if (/(?:p|t|c|ch)$/u.test(rhyme) && tone !== '\u0301' && tone !== '\u0323') return false;
    return true;
  });
}
