// The registry's own words: Markdown files in a texts/ folder beside registry.yaml, one folder per
// language (texts/nb/foreword.md, about.md, and coverage.md, centralisation.md, pathway.md for a chapter's
// commentary), and its logo. Markdown is rendered with markdown-it: raw HTML is escaped, images are not
// rendered at all (no remote fetches), links keep markdown-it's check that refuses javascript: and data:.
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Config, Language } from '../config/types.js';
import { InputError } from '../errors.js';

export const TEXT_NAMES = ['foreword', 'about', 'coverage', 'centralisation', 'pathway'] as const;
export type TextName = (typeof TEXT_NAMES)[number];

/** Rendered HTML of each text the registry wrote for the report language. */
export type RegistryTexts = Readonly<Partial<Record<TextName, string>>>;

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable(['image']);

/** Markdown → HTML, safe to insert into the report: no raw HTML, no images. */
export function renderMarkdown(text: string): string {
  return md.render(text.replace(/^\uFEFF/, ''));
}

export async function loadTexts(configFile: string, config: Config, language: Language): Promise<RegistryTexts> {
  const dir = join(dirname(configFile), config.about.texts, language);
  const out: Partial<Record<TextName, string>> = {};
  for (const name of TEXT_NAMES) {
    let text: string;
    try {
      text = await readFile(join(dir, `${name}.md`), 'utf8');
    } catch {
      continue;
    }
    if (text.trim()) out[name] = renderMarkdown(text);
  }
  return out;
}

const MAX_LOGO = 2 * 1024 * 1024;

/** The logo as a data: URI (embedded, so printing fetches nothing), or null. */
export async function loadLogo(configFile: string, config: Config): Promise<string | null> {
  if (!config.about.logo) return null;
  const file = join(dirname(configFile), config.about.logo);
  const size = await stat(file).then((s) => s.size, () => -1);
  if (size < 0) throw new InputError(`the logo ${config.about.logo} named in registry.yaml (about.logo) does not exist`, { file });
  if (size > MAX_LOGO) throw new InputError(`the logo ${config.about.logo} is larger than 2 MB`, { file });
  const bytes = await readFile(file);
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!png && !jpeg) throw new InputError(`the logo ${config.about.logo} is not a PNG or JPEG image`, { file, hint: `its name ends in ${extname(file)}, but its content is something else` });
  return `data:image/${png ? 'png' : 'jpeg'};base64,${bytes.toString('base64')}`;
}
