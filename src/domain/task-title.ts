/**
 * The short title of a task as chat shows it: its activity (else task, else objective) without the
 * plan's own numbering ("3.4. Xây dựng…" → "Xây dựng…"), cut to `max` characters (default: whole).
 */
export function taskTitle(task: { activity: string; task: string; objective: string }, max = Infinity): string {
  const text = (task.activity || task.task || task.objective).replace(/^\d+(\.\d+)+\.?\s*/, '');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
