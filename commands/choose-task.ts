import { lines, type Reply } from '../src/app/reply.js';
import { taskRef } from '../src/domain/task-code.js';
import { taskTitle } from '../src/domain/task-title.js';
import type { Task } from '../src/store/plan-repo.js';

/** Buttons and typed commands are cut at Telegram's callback limit (64 bytes). */
const CALLBACK_BYTES = 64;
/** At most this many candidates are listed; the rest are counted. */
const SHOWN = 12;

const T = {
  more: (n: number) => `… và ${n} nhiệm vụ khác: hãy gõ mã đầy đủ.`,
  tap: 'Bấm chọn nhiệm vụ bên dưới, hoặc gõ lại lệnh với mã đầy đủ.',
  type: 'Gõ lại lệnh của đúng nhiệm vụ (dòng tương ứng ở trên).',
};

/**
 * A code that names several tasks (a tail such as "7", or one code in several plans) is never
 * taken as one of them: the reply lists every candidate with its full code and plan, one button
 * each (`commandFor` the task's "t<id>" reference), or the command to type when it does not fit
 * a button. Nothing is written before a choice.
 */
export function chooseTask(heading: string, tasks: Task[], commandFor: (ref: string) => string): Reply {
  const shown = tasks.slice(0, SHOWN);
  const command = (t: Task) => commandFor(taskRef(t.id));
  const fits = shown.every((t) => Buffer.byteLength(command(t), 'utf8') <= CALLBACK_BYTES);
  const rows = shown.map((t) => `• ${t.code} — ${t.planName} — ${taskTitle(t, 60)}${fits ? '' : `: ${command(t)}`}`);
  return {
    text: lines(heading, ...rows, ...(tasks.length > shown.length ? [T.more(tasks.length - shown.length)] : []), fits ? T.tap : T.type),
    ...(fits ? { choices: shown.map((t) => [{ label: `${t.code} — ${t.planName}`.slice(0, 60), command: command(t) }]) } : {}),
  };
}
