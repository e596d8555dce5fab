import { describe, expect, it } from 'vitest';
import { readJsonl } from '../helpers/reply-corpus.js';
import { judgeLine, PLAIN, type Reply, type Verdict } from '../helpers/reply-judge.js';

/**
 * Third held-out corpus, written before reading the reader's code (test/fixtures/corpus/replies-heldout3.jsonl):
 * replies as focal points type them on Zalo/Telegram — no or partial diacritics, telex leftovers ("dax xong",
 * "chuwa xong"), short forms ("ht", "dang th", "k", "ko", "hok", "đc", "bc"), double negation ("không phải chưa
 * xong"), rhetorical denials ("xong đâu mà xong"), questions, plans ("mai xong", "dự kiến xong 20/12"), parts
 * ("xong phần 1, phần 2 chưa"), several tasks in one message, hearsay ("anh A bảo xong rồi"), politeness and
 * emojis, and replies about something else ("ok", "👍", "đã nhận"). Each line says what the sender meant and why.
 * Today is Friday 4/12/2026.
 *
 * Meanings: done, in_progress, blocked, extension; not_done (unfinished, whether worked on or stuck: in progress
 * or a problem); not_started (said not begun: there is no such stored status, so it is asked back); ask (the words
 * do not settle it — a question, hearsay, a hedge, a reply about something else: nothing may be stored; offering
 * done to confirm is allowed only where the line says `confirmOk`); none (no task at all).
 *
 * "Chưa xong" / "thì chưa" with no other word is read as in progress: it denies the finish, not the start, and the
 * chat's question is "xong chưa?" — an unfinished task nobody says is stuck is what "Đang làm" records. "Chưa làm"
 * denies the start, which no stored status says, so that one is asked back (doubt not_started).
 *
 * Every code of every line is judged:
 * (a) STORED WRONG — a status stored, or done offered, that the words do not say: none tolerated;
 * (b) ASKED — asked back, refused or missed although the meaning was plain: weaker, its rate is reported;
 * (c) right.
 */
const TODAY = '2026-12-04';

const replies = readJsonl<Reply>(new URL('../fixtures/corpus/replies-heldout3.jsonl', import.meta.url));

const judged = replies.map((line) => ({ line, per: judgeLine(line, TODAY) }));

describe('held-out replies, third corpus (written without seeing the reader)', () => {
  it('holds at least 250 new replies, most of them not a plain done', () => {
    expect(replies.length).toBeGreaterThanOrEqual(250);
    expect(new Set(replies.map((l) => l.text)).size).toBe(replies.length);
    const plainDone = replies.filter((l) => l.meaning === 'done' && !l.accept).length / replies.length;
    expect(plainDone).toBeLessThan(0.4);
  });

  it.each(judged.map((v) => [v.line.text, v.line.why, v] as const))('never stores against the words: %j — %s', (_text, _why, v) => {
    expect(v.per.filter((p) => p.verdict === 'a').map((p) => `${p.code} means ${p.meaning}, read ${p.got}`)).toEqual([]);
  });

  it('reports how often a plain meaning is asked back', () => {
    const per = judged.flatMap((v) => v.per.map((p) => ({ ...p, text: v.line.text })));
    const count = (x: Verdict) => per.filter((p) => p.verdict === x).length;
    const plain = per.filter((p) => (PLAIN as readonly string[]).includes(p.meaning));
    const asked = plain.filter((p) => p.verdict === 'b');
    console.info(
      `held-out 3 replies: ${replies.length} lines, ${per.length} codes — (a) stored wrong ${count('a')}, (b) asked although plain ${count('b')}, (c) right ${count('c')}; ` +
        `plain meanings asked back ${asked.length}/${plain.length} (${((asked.length / plain.length) * 100).toFixed(1)}%)`,
    );
    if (process.env.SHOW_WRONG) for (const p of per) if (p.verdict !== 'c') console.info(`(${p.verdict})\t${JSON.stringify(p.text)}\t${p.code} means ${p.meaning}\tread: ${p.got}`);
    expect(count('a')).toBe(0);
    expect(asked.length / plain.length).toBeLessThanOrEqual(PLAIN_ASKED_CEILING);
  });
});

/**
 * Measured on 6/12/2026 when the corpus was written, with the reader as it was: 453 codes, (a) stored wrong 29 (13 of
 * them done against the words, 9 stored at once: "2.5 mong là kịp xong", "họp xong em làm 2.5 luôn", "2.5 đến 20/12
 * mới xong được", "2.5 đã xong 3 trên 4 hồ sơ", "anh A bảo 2.5 xong rồi"…), (b) 62, (c) 362; plain meanings asked
 * back 62/364 (17.0%). After the fixes of that day (grammar, then a done in a plain list of several tasks no longer
 * asked): (a) 0, (b) 18, (c) 435; plain asked back 18/364 (4.9%).
 */
const PLAIN_ASKED_CEILING = 0.06;
