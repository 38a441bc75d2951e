import { describe, expect, it } from 'vitest';
import { getGazetteer } from '../../lib/tagging/gazetteer';
import { getTagger } from '../../lib/tagging/tagger-instance';
import { normaliseCompanyName, SupplierMatcher } from '../../lib/watchlist/match-supplier';
import { parseSupplierCsv, SupplierCsvError } from '../../lib/watchlist/parse-supplier-csv';

describe('parseSupplierCsv', () => {
  it('takes the name column of a headed file, keeps the other columns as details, skips blank names', () => {
    const { rows, skipped } = parseSupplierCsv('\uFEFFVendor ID,Supplier Name,Country\n100,"Micron Technology, Inc.",US\n101,,DE\n102,Infineon Technologies AG,DE\n');
    expect(rows).toEqual([
      { line: 2, name: 'Micron Technology, Inc.', details: 'Vendor ID: 100; Country: US' },
      { line: 4, name: 'Infineon Technologies AG', details: 'Vendor ID: 102; Country: DE' },
    ]);
    expect(skipped).toBe(1);
  });

  it('reads semicolon and tab separated lists, and a bare list without a header', () => {
    expect(parseSupplierCsv('name;country\nASML;NL\n').rows.map((r) => r.name)).toEqual(['ASML']);
    expect(parseSupplierCsv('company\tcountry\nTSMC\tTW\n').rows.map((r) => r.name)).toEqual(['TSMC']);
    expect(parseSupplierCsv('Samsung Electronics\nSK hynix\n').rows.map((r) => r.name)).toEqual(['Samsung Electronics', 'SK hynix']);
  });

  it.each([
    ['binary junk', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff])],
    ['an empty file', '   \n'],
    ['an unterminated quote', 'name\n"Micron\n'],
    ['a file over 1 MiB', 'x'.repeat(1024 * 1024 + 1)],
  ])('refuses %s with a clear message', (_label, input) => {
    expect(() => parseSupplierCsv(input)).toThrow(SupplierCsvError);
  });
});

describe('SupplierMatcher', () => {
  const matcher = new SupplierMatcher(getGazetteer(), getTagger());

  it.each([
    ['Micron Technology, Inc.', 'micron', 'name'],
    ['TAIWAN SEMICONDUCTOR MANUFACTURING CO LTD', 'tsmc', 'name'],
    ['SK hynix Inc.', 'sk-hynix', 'name'],
    ['ASML Holding N.V.', 'asml', 'name'],
    ['台积电', 'tsmc', 'name'],
    ['Samsung Electronics (Memory Division, Hwaseong)', 'samsung', 'mention'],
  ])('matches %s to %s', (name, id, how) => {
    expect(matcher.match(name)).toEqual({ companyId: id, how });
  });

  it.each([['Acme Widgets GmbH'], ['Micron and Intel joint purchasing'], ['Potato Chips Ltd']])('leaves %s unmatched', (name) => {
    expect(matcher.match(name)).toBeNull();
  });

  it('drops legal forms and punctuation when comparing names', () => {
    expect(normaliseCompanyName('Infineon Technologies AG')).toBe(normaliseCompanyName('Infineon Technologies'));
    expect(normaliseCompanyName('Tokyo Electron Ltd.')).toBe('tokyo electron');
  });
});
