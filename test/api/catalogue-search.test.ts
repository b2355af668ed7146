/**
 * The catalogue searched as citizens type (issue 16): without diacritics, with words the name lacks, words run
 * together or typed with a slip; the procedure meant comes first; nothing matching offers the nearest names.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { api } from '../support/http.ts';

const search = async (q: string) =>
  (
    await supertest(api())
      .get(`/api/procedures?q=${encodeURIComponent(q)}`)
      .expect(200)
  ).body as {
    items: { code: string; name: string }[];
    suggestions: { code: string; name: string }[];
  };

describe('searching the catalogue as citizens type', () => {
  const BIRTH = '1.001193';
  const MARRIAGE = '1.000894';

  for (const [q, first, why] of [
    ['giay khai sinh', BIRTH, 'the result it gives, without diacritics'],
    ['khai sinh cho con', BIRTH, 'with words its name lacks'],
    ['khaisinh', BIRTH, 'the words run together'],
    ['KHAI SIHN', BIRTH, 'in capitals with a slip'],
    ['Đăng ký khai sinh', BIRTH, 'its name as written'],
    ['ket hon', MARRIAGE, 'another procedure, without diacritics'],
    ['hôn kết đăng ký', MARRIAGE, 'its words in any order'],
  ] as const)
    it(`finds «${q}» first: ${why}`, async () => {
      const r = await search(q);
      expect(r.items[0]?.code, JSON.stringify(r.items.map((i) => i.code))).to.equal(first);
      expect(r.suggestions).to.deep.equal([]);
    });

  it('leaves out what matches too few of the words', async () => {
    const r = await search('ket hon');
    expect(r.items.map((i) => i.code)).not.to.include(BIRTH);
    // a procedure whose papers name the words comes after the one whose name does
    const birth = (await search('khai sinh')).items.map((i) => i.code);
    expect(birth[0]).to.equal(BIRTH);
  });

  it('offers the nearest names when nothing matches', async () => {
    const r = await search('kaisinh');
    expect(r.items).to.deep.equal([]);
    expect(r.suggestions.map((s) => s.code)).to.include(BIRTH);
    const none = await search('qqqq zzzz');
    expect(none.items).to.deep.equal([]);
    expect(none.suggestions).to.deep.equal([]);
  });

  it('lists the whole catalogue without a query, and refuses a query too long', async () => {
    expect((await search('')).items.length).to.be.at.least(5);
    const res = await supertest(api()).get(`/api/procedures?q=${'a'.repeat(500)}`);
    expect(res.status).to.equal(400);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
  });
});
