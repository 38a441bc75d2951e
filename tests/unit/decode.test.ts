import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeFeedBytes } from '../../lib/feeds/decode';

const xml = (encoding: string, body: string) => `<?xml version="1.0" encoding="${encoding}"?><rss><channel><title>${body}</title></channel></rss>`;

describe('decodeFeedBytes', () => {
  it('reads valid UTF-8 as UTF-8 even when the declaration claims another charset', () => {
    const bytes = Buffer.from(xml('ISO-8859-1', 'Micron 美光 — ban'), 'utf8');
    const decoded = decodeFeedBytes(bytes, 'text/xml; charset=iso-8859-1');
    expect(decoded.source).toBe('utf-8-valid');
    expect(decoded.text).toContain('Micron 美光 — ban');
  });

  it.each([
    ['GBK', 'gbk', '美国商务部将华为列入实体清单'],
    ['GB2312', 'gb2312', '中芯国际受到出口管制'],
    ['GB18030', 'gb18030', '长江存储 𠀀 扩产'],
    ['Big5', 'big5', '台積電在美國設廠'],
    ['Shift_JIS', 'shift_jis', '東京エレクトロンの輸出規制'],
    ['EUC-KR', 'euc-kr', '삼성전자 반도체 수출 규제'],
    ['windows-1251', 'windows-1251', 'Экспортный контроль на чипы'],
    ['windows-1252', 'windows-1252', 'Société Générale’s “chip” outlook – café'],
    ['ISO-8859-2', 'iso-8859-2', 'Zakłady półprzewodników w Łodzi'],
    ['ISO-8859-15', 'iso-8859-15', 'Prix en € pour les puces'],
  ])('decodes %s named in the XML declaration', (label, codec, text) => {
    const bytes = iconv.encode(xml(label, text), codec);
    const decoded = decodeFeedBytes(bytes, 'application/rss+xml');
    expect(decoded.source).toBe('xml-declaration');
    expect(decoded.text).toContain(text);
  });

  it('prefers the Content-Type charset over the XML declaration', () => {
    const text = '美国对华芯片出口管制';
    const bytes = iconv.encode(xml('windows-1252', text), 'gbk');
    const decoded = decodeFeedBytes(bytes, 'application/xml; charset="GBK"');
    expect(decoded.source).toBe('header');
    expect(decoded.text).toContain(text);
  });

  it('uses the header charset when the document has no declaration', () => {
    const bytes = iconv.encode('<rss><channel><title>Délégation à Séoul</title></channel></rss>', 'windows-1252');
    const decoded = decodeFeedBytes(bytes, 'text/xml;charset=windows-1252');
    expect(decoded.charset).toBe('windows-1252');
    expect(decoded.text).toContain('Délégation à Séoul');
  });

  it('falls back to the BOM for UTF-16', () => {
    const body = '<rss><channel><title>Taiwan 台湾</title></channel></rss>';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
    const decoded = decodeFeedBytes(bytes, null);
    expect(decoded.source).toBe('bom');
    expect(decoded.text).toBe(body);
  });

  it('falls back to windows-1252 when nothing names a charset', () => {
    const bytes = iconv.encode('<rss><channel><title>Nexperia’s “fab”</title></channel></rss>', 'windows-1252');
    const decoded = decodeFeedBytes(bytes);
    expect(decoded.source).toBe('fallback');
    expect(decoded.text).toContain('Nexperia’s “fab”');
  });

  it('ignores a declaration that claims UTF-8 for bytes that are not', () => {
    const bytes = iconv.encode(xml('UTF-8', 'café – crème'), 'windows-1252');
    const decoded = decodeFeedBytes(bytes);
    expect(decoded.source).toBe('fallback');
    expect(decoded.text).toContain('café – crème');
  });

  it('ignores unknown charset labels', () => {
    expect(charsetFromContentType('text/xml; charset=x-klingon')).toBeUndefined();
    expect(charsetFromContentType('text/xml; charset=UTF-8')).toBe('utf-8');
  });
});
