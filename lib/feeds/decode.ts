import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export interface DecodedFeed {
  text: string;
  /** The charset used, as iconv-lite names it, and where the choice came from. */
  charset: string;
  source: 'utf-8-valid' | 'header' | 'xml-declaration' | 'bom' | 'fallback';
}

// Labels that name a charset iconv-lite has under another name, or that should be read as a superset
// (GB2312 and GBK feeds routinely contain GB18030-only characters; ISO-8859-1 labels usually mean 1252).
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'iso-8859-1': 'windows-1252',
  'latin1': 'windows-1252',
  'us-ascii': 'windows-1252',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  'ks_c_5601-1987': 'euc-kr',
  'big5-hkscs': 'big5hkscs',
};

function normaliseLabel(label: string | undefined | null): string | undefined {
  if (!label) return undefined;
  const cleaned = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!cleaned) return undefined;
  const name = ALIASES[cleaned] ?? cleaned;
  return iconv.encodingExists(name) ? name : undefined;
}

export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const match = contentType ? /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType) : null;
  return normaliseLabel(match?.[2]);
}

export function charsetFromXmlDeclaration(bytes: Buffer): string | undefined {
  // The declaration is ASCII in every charset we read, so a latin1 view of the first bytes is enough.
  const head = bytes.subarray(0, 512).toString('latin1');
  const match = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return normaliseLabel(match?.[1]);
}

export function charsetFromBom(bytes: Buffer): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Turns feed bytes into text. Bytes that are valid UTF-8 are UTF-8 whatever the prolog claims
 * (servers and declarations lie far more often than valid UTF-8 occurs by chance); otherwise the
 * header, then the XML declaration, then the BOM, then windows-1252 decide.
 */
export function decodeFeedBytes(bytes: Buffer, contentType?: string | null): DecodedFeed {
  if (isUtf8(bytes)) {
    return { text: stripBom(bytes.toString('utf8')), charset: 'utf-8', source: 'utf-8-valid' };
  }
  const candidates: [DecodedFeed['source'], string | undefined][] = [
    ['header', charsetFromContentType(contentType)],
    ['xml-declaration', charsetFromXmlDeclaration(bytes)],
    ['bom', charsetFromBom(bytes)],
  ];
  for (const [source, charset] of candidates) {
    // A charset that claims UTF-8 for bytes we just found invalid is a lie; try the next source.
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      return { text: stripBom(iconv.decode(bytes, charset)), charset, source };
    }
  }
  return { text: stripBom(iconv.decode(bytes, 'windows-1252')), charset: 'windows-1252', source: 'fallback' };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
