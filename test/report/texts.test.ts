// The registry's own texts: Markdown rendered safely, the about keys of registry.yaml, the logo.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { loadLogo, loadTexts, renderMarkdown } from '../../src/report/texts.js';
import { BASE_YAML, tempDir } from '../helpers.js';

describe('Markdown of the registry', () => {
  it('renders emphasis, lists and links', () => {
    expect(renderMarkdown('**fet** og *kursiv*\n\n- a\n- b\n\n[nett](https://example.org)')).toBe(
      '<p><strong>fet</strong> og <em>kursiv</em></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p><a href="https://example.org">nett</a></p>\n',
    );
  });

  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src="https://example.org/x.png">');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders no image, so printing never fetches one', () => {
    const html = renderMarkdown('![logo](https://example.org/logo.png)');
    expect(html).not.toContain('<img');
  });

  it('refuses javascript: links', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href="javascript:');
  });
});

describe('registry.yaml about keys, texts/ and the logo', () => {
  it('defaults: no details, texts/ beside registry.yaml', () => {
    expect(parseConfig(BASE_YAML).about).toEqual({ dataController: null, contact: null, website: null, logo: null, texts: 'texts' });
  });

  it('reads the details, with the data controller in three languages', () => {
    const c = parseConfig(`${BASE_YAML}about:\n  data_controller: { nb: OUS, en: Oslo University Hospital }\n  contact: post@example.org\n  website: https://example.org\n  logo: logo.png\n  texts: tekster\n`);
    expect(c.about).toEqual({ dataController: { nb: 'OUS', sv: 'Oslo University Hospital', en: 'Oslo University Hospital' }, contact: 'post@example.org', website: 'https://example.org', logo: 'logo.png', texts: 'tekster' });
  });

  it('refuses a logo that is not PNG or JPEG, a website that is not http(s), and unknown keys', () => {
    expect(() => parseConfig(`${BASE_YAML}about:\n  logo: logo.svg\n`)).toThrow(/must be a PNG or JPEG/);
    expect(() => parseConfig(`${BASE_YAML}about:\n  website: example.org\n`)).toThrow(/http\(s\) address/);
    expect(() => parseConfig(`${BASE_YAML}about:\n  adress: x\n`)).toThrow(/adress/);
  });

  it('loads the texts of the report language only, and the logo as a data URI checked by its content', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'texts', 'nb'), { recursive: true });
    writeFileSync(join(dir, 'texts', 'nb', 'foreword.md'), 'Hei **alle**.');
    writeFileSync(join(dir, 'texts', 'nb', 'coverage.md'), '  \n');
    const config = parseConfig(`${BASE_YAML}about:\n  logo: logo.png\n`);
    const file = join(dir, 'registry.yaml');
    expect(await loadTexts(file, config, 'nb')).toEqual({ foreword: '<p>Hei <strong>alle</strong>.</p>\n' });
    expect(await loadTexts(file, config, 'en')).toEqual({});
    writeFileSync(join(dir, 'logo.png'), 'not a png');
    await expect(loadLogo(file, config)).rejects.toThrow(/not a PNG or JPEG/);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    writeFileSync(join(dir, 'logo.png'), png);
    expect(await loadLogo(file, config)).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });
});
