/**
 * The short title of a task as chat shows it: its activity (else task, else objective) without the
 * plan's own numbering ("3.4. Xây dựng…" → "Xây dựng…"), cut to `max` characters (default: whole).
 */
export function taskTitle(task: { activity: string; task: string; objective: string }, max = Infinity): string {
  const text = (task.activity || task.task || task.objective).replace(/^\d+(\.\d+)+\.?\s*/, '');
  return shorten(text, max);
}

/**
 * Cuts text to at most `max` characters at a word boundary, with "…" (a word longer than the
 * room left is cut inside only when there is no space at all), and no dangling comma or dash.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = space > max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:–—-]+$/, '')}…`;
}
