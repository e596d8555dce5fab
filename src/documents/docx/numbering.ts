import { walkXml } from '../xml-walker.js';

/** One level of a Word list: how its number is written ("%1.%2."), in which format, from which start. */
export interface ListLevel {
  start: number;
  format: string;
  text: string;
  /** The level whose increment restarts this one (Word's lvlRestart, 1-based); default: any higher level. */
  restart?: number | undefined;
  /** "Legal" numbering: every level's number written in decimal ("1.1" under "I."). */
  legal: boolean;
}

/** The lists of numbering.xml: abstract definitions and the instances (numId) paragraphs point at. */
export interface NumberingDefinitions {
  abstracts: Map<string, Map<number, ListLevel>>;
  instances: Map<string, { abstractId: string; overrides: Map<number, Partial<ListLevel>> }>;
}

const intOf = (value: string | undefined, fallback: number) => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
};

/** Reads word/numbering.xml (absent: no lists). */
export function readNumbering(xml: string | undefined): NumberingDefinitions {
  const abstracts = new Map<string, Map<number, ListLevel>>();
  const instances = new Map<string, { abstractId: string; overrides: Map<number, Partial<ListLevel>> }>();
  if (!xml) return { abstracts, instances };
  let abstract: Map<number, ListLevel> | undefined;
  let instance: { abstractId: string; overrides: Map<number, Partial<ListLevel>> } | undefined;
  let level: Partial<ListLevel> | undefined;
  let overrideLevel: number | undefined;
  walkXml(xml, {
    open(name, a) {
      switch (name) {
        case 'w:abstractNum':
          abstract = new Map();
          abstracts.set(a['w:abstractNumId'] ?? '', abstract);
          break;
        case 'w:num':
          instance = { abstractId: '', overrides: new Map() };
          instances.set(a['w:numId'] ?? '', instance);
          break;
        case 'w:abstractNumId':
          if (instance) instance.abstractId = a['w:val'] ?? '';
          break;
        case 'w:lvlOverride':
          overrideLevel = intOf(a['w:ilvl'], 0);
          instance?.overrides.set(overrideLevel, {});
          break;
        case 'w:startOverride':
          if (instance && overrideLevel !== undefined) instance.overrides.get(overrideLevel)!.start = intOf(a['w:val'], 1);
          break;
        case 'w:lvl': {
          const ilvl = intOf(a['w:ilvl'], 0);
          if (instance && overrideLevel !== undefined) level = instance.overrides.get(overrideLevel)!;
          else if (abstract) {
            level = { start: 1, format: 'decimal', text: '', legal: false };
            abstract.set(ilvl, level as ListLevel);
          }
          break;
        }
        case 'w:start':
          if (level) level.start = intOf(a['w:val'], 1);
          break;
        case 'w:numFmt':
          if (level) level.format = a['w:val'] ?? 'decimal';
          break;
        case 'w:lvlText':
          if (level) level.text = a['w:val'] ?? '';
          break;
        case 'w:lvlRestart':
          if (level) level.restart = intOf(a['w:val'], 0);
          break;
        case 'w:isLgl':
          if (level) level.legal = a['w:val'] !== '0' && a['w:val'] !== 'false';
          break;
      }
    },
    close(name) {
      if (name === 'w:lvl') level = undefined;
      else if (name === 'w:lvlOverride') overrideLevel = undefined;
      else if (name === 'w:abstractNum') abstract = undefined;
      else if (name === 'w:num') instance = undefined;
    },
    text() {},
  });
  return { abstracts, instances };
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

function roman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) while (n >= value) { out += letters; n -= value; }
  return out;
}

/** "a".."z", then "aa", "bb" … as Word writes letters past z. */
function letters(n: number): string {
  if (n < 1) return '';
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

/** One number in a list format (Word's numFmt); unknown formats are written in decimal. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** A bullet as it reads in text: a dash or plus stays, a symbol-font glyph becomes "•". */
function bulletText(text: string): string {
  if (/^[-+*–—•·o]$/u.test(text.trim())) return text.trim() === '·' ? '•' : text.trim();
  return '•';
}

/**
 * Counts Word's automatic numbering paragraph by paragraph, in document order, and gives each
 * numbered paragraph its visible label ("1.", "a)", "I.", "1.1."). Instances of one abstract list
 * continue one count (as Word does) unless an instance restarts a level (startOverride).
 */
export class ListCounter {
  private readonly counts = new Map<string, (number | undefined)[]>();
  private readonly started = new Set<string>();

  constructor(private readonly definitions: NumberingDefinitions) {}

  /** The label of the next paragraph of list `numId` at level `ilvl`, or '' when the paragraph is not numbered. */
  next(numId: string, ilvl: number): string {
    const instance = this.definitions.instances.get(numId);
    if (!instance || numId === '0') return '';
    const abstract = this.definitions.abstracts.get(instance.abstractId);
    if (!abstract) return '';
    const levelOf = (i: number): ListLevel | undefined => {
      const base = abstract.get(i);
      const override = instance.overrides.get(i);
      return base ? { ...base, ...override } : undefined;
    };
    const level = levelOf(ilvl);
    if (!level) return '';
    let counts = this.counts.get(instance.abstractId);
    if (!counts) this.counts.set(instance.abstractId, (counts = []));
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const [i, override] of instance.overrides) if (override.start !== undefined) counts[i] = undefined;
    }
    counts[ilvl] = (counts[ilvl] ?? level.start - 1) + 1;
    for (let deeper = ilvl + 1; deeper < 9; deeper += 1) {
      const restart = levelOf(deeper)?.restart;
      if (restart === undefined || (restart !== 0 && ilvl <= restart - 1)) counts[deeper] = undefined;
    }
    if (level.format === 'bullet') return bulletText(level.text);
    return level.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const other = levelOf(i);
      const n = counts![i] ?? other?.start ?? 1;
      return formatNumber(n, level.legal ? 'decimal' : (other?.format ?? 'decimal'));
    });
  }
}
