import { describe, expect, it } from 'vitest';
import { runtimeWarning } from '../src/runtime-check.js';

describe('the runtime warning at start', () => {
  it('names Node 24.19+ with better-sqlite3 12 (the crash on collecting a statement), and nothing else', () => {
    expect(runtimeWarning('24.21.0', '12.11.1')).toContain('Node 22 LTS');
    expect(runtimeWarning('24.19.0', '12.11.1')).not.toBeNull();
    expect(runtimeWarning('26.1.0', '12.4.0')).not.toBeNull();
    expect(runtimeWarning('24.18.0', '12.11.1')).toBeNull();
    expect(runtimeWarning('22.23.2', '12.11.1')).toBeNull();
    expect(runtimeWarning('20.20.2', '12.11.1')).toBeNull();
    expect(runtimeWarning('24.21.0', '13.2.0')).toBeNull();
  });
});
