/**
 * `npm run bench`: prints dondoc's performance figures. Each section drives the real code path
 * (grammY handleUpdate into the SQLite file) with outgoing Telegram calls captured locally.
 */
import { performance } from 'node:perf_hooks';
import { TelegramHarness } from '../test/helpers/telegram-harness.js';

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);
}

async function commandThroughput(): Promise<void> {
  const h = new TelegramHarness();
  try {
    const users = Array.from({ length: 200 }, (_, i) => ({ id: 10_000 + i, first_name: `Đầu mối ${i}` }));
    const t0 = performance.now();
    for (const user of users) await h.send(user, `/start ${h.invite('STP', 'focal')}`);
    const joinMs = performance.now() - t0;
    line('onboarding: invite + /start redeem, 200 members', `${(users.length / (joinMs / 1000)).toFixed(0)} joins/s`);
    const rounds = 5_000;
    const t1 = performance.now();
    for (let i = 0; i < rounds; i += 1) await h.send(users[i % users.length]!, '/toi');
    const ms = performance.now() - t1;
    line('/toi through handleUpdate → dispatcher → SQLite → reply', `${(rounds / (ms / 1000)).toFixed(0)} commands/s (${(ms / rounds).toFixed(3)} ms each)`);
  } finally {
    await h.close();
  }
}

async function longReply(): Promise<void> {
  const h = new TelegramHarness();
  try {
    await h.send({ id: 1, first_name: 'Hoa' }, `/start ${h.invite('SNV', 'admin')}`);
    for (let i = 0; i < 3_000; i += 1) {
      h.app.store.agencies.upsert({ code: `B${i}`, name: `UBND xã Đo Hiệu Năng số ${i}`, kind: 'ubnd_xa' }, h.clock.now());
    }
    const before = h.calls.length;
    const t0 = performance.now();
    await h.send({ id: 1, first_name: 'Hoa' }, '/coquan ubnd_xa');
    const ms = performance.now() - t0;
    const parts = h.calls.length - before;
    line('/coquan over 3,000 agencies (render + split at 4096)', `${ms.toFixed(1)} ms, ${parts} messages`);
  } finally {
    await h.close();
  }
}

process.stdout.write(`dondoc bench — node ${process.version}, ${new Date().toISOString()}\n`);
await commandThroughput();
await longReply();
