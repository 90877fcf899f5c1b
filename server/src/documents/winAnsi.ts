/**
 * pdf-lib's standard fonts encode WinAnsi (Windows-1252) only: Finnish and Swedish letters are
 * in it, but e.g. Northern Sami ŋ or an emoji are not and would make drawing throw. Such
 * characters are replaced by "?" in what is drawn (the JSON attachment keeps them exactly).
 */
const EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || EXTRA.has(ch)) out += ch;
    else if (ch === '\t') out += ' ';
    else out += '?';
  }
  return out;
}
