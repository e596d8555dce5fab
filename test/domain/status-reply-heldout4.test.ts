import { describe, expect, it } from 'vitest';
import { readJsonl } from '../helpers/reply-corpus.js';
import { judgeLine, PLAIN, type Reply, type Verdict } from '../helpers/reply-judge.js';

/**
 * Fourth held-out corpus (test/fixtures/corpus/replies-heldout4.jsonl), written before reading the reader's code and
 * after reading the three earlier corpora so as not to repeat them: replies in the forms officials type on
 * Zalo/Telegram — without diacritics ("da xong het roi"), short forms ("xg", "htanh", "chx", "ch ht", "đg", "hk",
 * "hem"), code forms ("nv 2.4", "mục II.3", "ý 1.3 và 1.5", "NV số 3", "(2.4)", "#2.4", "1.3-1.5"), long official
 * letters ("Kính gửi Sở Nội vụ, đơn vị xin báo cáo…"), negation in many words ("chưa hề", "chẳng", "chả", "đâu
 * có", "làm gì có", "nào có", "không hề"), conditions ("nếu", "khi nào xong", "hễ", "miễn"), plans and forecasts
 * ("sẽ", "dự kiến", "tuần sau em làm"), questions, parts ("xong phần lớn", "mới được 70%"), third parties ("Sở
 * KH&CN báo 2.4 xong rồi", "sếp em bảo…"), corrections ("nhầm, 2.4 chưa xong", "gõ nhầm, 2.6 xong chứ không phải
 * 2.4"), several tasks with different statuses in one message, emoji, greetings only, and numbers that are not task
 * codes ("lúc 9.30", "ngày 15.12", "đạt 85.5%"). Each line says what the sender meant and why; the judge is
 * test/helpers/reply-judge.ts, as for the third corpus. Today is Friday 4/12/2026.
 */
const TODAY = '2026-12-04';

const replies = readJsonl<Reply>(new URL('../fixtures/corpus/replies-heldout4.jsonl', import.meta.url));
const judged = replies.map((line) => ({ line, per: judgeLine(line, TODAY) }));

describe('held-out replies, fourth corpus (chat forms, written without seeing the reader)', () => {
  it('holds at least 300 new replies, most of them not a plain done', () => {
    expect(replies.length).toBeGreaterThanOrEqual(300);
    expect(new Set(replies.map((l) => l.text)).size).toBe(replies.length);
    const plainDone = replies.filter((l) => l.meaning === 'done' && !l.accept).length / replies.length;
    expect(plainDone).toBeLessThan(0.3);
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
      `held-out 4 replies: ${replies.length} lines, ${per.length} codes — (a) stored wrong ${count('a')}, (b) asked although plain ${count('b')}, (c) right ${count('c')}; ` +
        `plain meanings asked back ${asked.length}/${plain.length} (${((asked.length / plain.length) * 100).toFixed(1)}%)`,
    );
    if (process.env.SHOW_WRONG) for (const p of per) if (p.verdict !== 'c') console.info(`(${p.verdict})\t${JSON.stringify(p.text)}\t${p.code} means ${p.meaning}\tread: ${p.got}`);
    expect(count('a')).toBe(0);
    expect(asked.length / plain.length).toBeLessThanOrEqual(PLAIN_ASKED_CEILING);
  });
});

/**
 * Measured on 6/12/2026 when the corpus was written, with the reader as it was: 401 codes, (a) stored wrong 38 ("Sở
 * KH&CN báo 2.4 xong rồi" in progress — its "KH" read as "không"; "Sở TT&TT báo nv 1.3 đã ht", "xã Tân Hiệp báo 4.1
 * hoàn thành" done; "2.4 mà xong trước Tết là may", "em tính cuối tháng xong 2.7", "xong 2.4 em đi họp" done; "1.1
 * 100%, 1.2 50%" one group in progress; "1.8 chuẩn bị ban hành" blocked …), (b) 38, (c) 325; plain meanings asked
 * back 38/295 (12.9%). After the fixes of that day, first of what was stored against the words: (a) 0, (b) 36, (c)
 * 365; then of needless asks ("ý 1.3", "htanh", "đạt 100%", "nào có xong", "xong chưa hết", "12/15 xã" …): (a) 0,
 * (b) 16, (c) 385; plain meanings asked back 16/295 (5.4%). What is still asked is asked by design: a done whose verb
 * comes before its code in a message of several states ("em xong 2.1 và 2.3 rồi, 2.2 đang làm"), a check mark, a
 * task set apart ("trừ 2.6"), "ok r".
 */
const PLAIN_ASKED_CEILING = 0.06;
