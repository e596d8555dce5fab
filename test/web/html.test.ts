import { describe, expect, it } from 'vitest';
import { escapeText, html, raw } from '../../src/web/html.js';

describe('html tagged template', () => {
  it('escapes every interpolated string: a task title cannot become markup or leave an attribute', () => {
    const title = `<script>alert("x")</script> & 'y' \`z\``;
    expect(html`<td title="${title}">${title}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</td>',
    );
  });

  it('puts in fragments it made itself as they are, joins arrays, prints nothing for null, undefined and booleans', () => {
    const rows = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${rows}</ul>${null}${undefined}${false}${true}${0}`.text).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
  });

  it('a plain object pretending to be a fragment is still escaped (only Html instances pass)', () => {
    const fake = { text: '<b>x</b>', toString: () => '<b>x</b>' };
    expect(html`${fake as never}`.text).toBe('&lt;b&gt;x&lt;/b&gt;');
  });

  it('raw is for the code’s own text only', () => {
    expect(html`<style>${raw('a>b{}')}</style>`.text).toBe('<style>a>b{}</style>');
    expect(escapeText('Sở Nội vụ')).toBe('Sở Nội vụ');
  });
});
