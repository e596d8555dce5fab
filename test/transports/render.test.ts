import { describe, expect, it } from 'vitest';
import { bold, code, lines } from '../../src/app/reply.js';
import { numberedChoicesText, renderHtmlLine, renderPlainLine, splitMessage } from '../../src/transports/render.js';

describe('splitMessage', () => {
  it('keeps a short message whole', () => {
    expect(splitMessage(lines('Xin chào', [bold('Sở Nội vụ')]), 4096, renderHtmlLine)).toEqual(['Xin chào\n<b>Sở Nội vụ</b>']);
  });

  it('packs lines greedily without splitting a line', () => {
    const text = lines(...Array.from({ length: 10 }, (_, i) => `dòng ${i} ${'x'.repeat(90)}`));
    const chunks = splitMessage(text, 300, renderPlainLine);
    expect(chunks.every((c) => c.length <= 300)).toBe(true);
    expect(chunks.join('\n').split('\n')).toHaveLength(10);
    expect(chunks).toHaveLength(4);
  });

  it('breaks one line longer than the limit at spaces, keeping each styled piece closed', () => {
    const long = Array.from({ length: 400 }, (_, i) => `từ${i}`).join(' ');
    const chunks = splitMessage([bold(long)], 500, renderHtmlLine);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(500);
      expect(chunk.startsWith('<b>') && chunk.endsWith('</b>')).toBe(true);
    }
    const words = chunks.map((c) => c.replace(/<\/?b>/g, '')).join(' ').split(/\s+/).filter(Boolean);
    expect(words).toHaveLength(400);
  });

  it('never cuts an emoji in half', () => {
    const chunks = splitMessage(['✅'.repeat(50) + '🔄'.repeat(50)], 33, renderPlainLine);
    for (const chunk of chunks) expect(chunk).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(chunks.join('')).toBe('✅'.repeat(50) + '🔄'.repeat(50));
  });

  it('counts escaped length against the limit', () => {
    const chunks = splitMessage(['<'.repeat(2000)], 4096, renderHtmlLine);
    expect(chunks.every((c) => c.length <= 4096)).toBe(true);
    expect(chunks.join('')).toBe('&lt;'.repeat(2000));
  });

  it('renders styles as HTML or drops them for plain platforms', () => {
    const text = lines([bold('Đậm'), ' và ', code('/viec')]);
    expect(splitMessage(text, 2000, renderHtmlLine)).toEqual(['<b>Đậm</b> và <code>/viec</code>']);
    expect(splitMessage(text, 2000, renderPlainLine)).toEqual(['Đậm và /viec']);
  });
});

describe('numbered choices', () => {
  it.each([
    [1, 'Trả lời số 1 để chọn.'],
    [2, 'Trả lời 1 hoặc 2 để chọn.'],
    [3, 'Trả lời 1, 2 hoặc 3 để chọn.'],
    [6, 'Trả lời một số từ 1 đến 6 để chọn.'],
  ])('asks for %i choices in Vietnamese', (count, last) => {
    const text = numberedChoicesText(Array.from({ length: count }, (_, i) => ({ label: `Mục ${i + 1}`, command: '/x' })));
    expect(text.split('\n')[0]).toBe('1. Mục 1');
    expect(text.split('\n').at(-1)).toBe(last);
  });
});
