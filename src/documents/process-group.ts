/**
 * Runs a Debian tool (soffice, tesseract, pdftoppm) the safe way: as the leader of a new process
 * group that is killed whole (SIGKILL) when the time limit passes or when it exits (anything it
 * left running goes with it), with its standard output captured up to a cap.
 */
import { spawn } from 'node:child_process';

export type RunProblem =
  /** The command is not on PATH: the package is not installed. */
  | { code: 'missing' }
  | { code: 'timeout'; ms: number }
  /** It wrote more than `maxStdoutBytes`: killed. */
  | { code: 'too_large' }
  /** It exited with a non-zero status or a signal; `stderr` is its last words (capped). */
  | { code: 'failed'; stderr: string };

/** Runs `command args` in its own process group under a time limit; stdout is kept up to `maxStdoutBytes` (default 0: ignored). */
export function runInGroup(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; maxStdoutBytes?: number },
): Promise<{ ok: true; stdout: Buffer } | { ok: false; problem: RunProblem }> {
  const maxStdout = options.maxStdoutBytes ?? 0;
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', maxStdout > 0 ? 'pipe' : 'ignore', 'pipe'] });
    let problem: RunProblem | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const timer = setTimeout(() => {
      problem ??= { code: 'timeout', ms: options.timeoutMs };
      killGroup(child.pid);
    }, options.timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxStdout) {
        problem ??= { code: 'too_large' };
        killGroup(child.pid);
      } else chunks.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, problem: error.code === 'ENOENT' ? { code: 'missing' } : { code: 'failed', stderr: error.message } });
    });
    // On exit whatever it left in its group goes too, which closes the pipes; then 'close' reports.
    child.once('exit', () => killGroup(child.pid));
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      if (problem) resolve({ ok: false, problem });
      else if (status !== 0 || signal) resolve({ ok: false, problem: { code: 'failed', stderr } });
      else resolve({ ok: true, stdout: Buffer.concat(chunks) });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}
