/** A procedure in English: its catalogue texts and its forms translated by one map, the rest left as written. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { FormSchema } from '@motcua/domain/forms/form-schema.ts';
import { FormValidator } from '@motcua/domain/forms/form-validation.ts';
import { formsDir, processesDir } from '@motcua/domain/procedures/procedure-package.ts';
import { translate, translateFormSchema, translationsFor } from '@motcua/domain/procedures/translations.ts';

const birth = JSON.parse(fs.readFileSync(path.join(formsDir, 'birth-registration.form'), 'utf8')) as FormSchema;
const catalogue = JSON.parse(fs.readFileSync(path.join(processesDir, 'birth-registration.procedure.json'), 'utf8')).catalogue;

describe('a procedure in English', () => {
  it('has no map in Vietnamese, and keeps a text it has not translated', () => {
    expect(translationsFor(catalogue, 'vi')).to.equal(undefined);
    const en = translationsFor(catalogue, 'en');
    expect(translate(en, 'Thẩm định')).to.equal('Review');
    expect(translate(en, 'Một câu chưa dịch')).to.equal('Một câu chưa dịch');
    expect(translate(undefined, 'Thẩm định')).to.equal('Thẩm định');
  });

  it('translates every text a person reads in the birth registration form, and nothing else', () => {
    const en = translationsFor(catalogue, 'en')!;
    const shown = translateFormSchema(birth, en);
    const untranslated: string[] = [];
    const keys: string[] = [];
    const walk = (c: Record<string, unknown>, original: Record<string, unknown>) => {
      for (const p of ['label', 'dateLabel', 'description', 'text'])
        if (typeof c[p] === 'string' && c[p] === original[p] && !/^[\s\d=]/.test(c[p] as string)) untranslated.push(c[p] as string);
      for (const v of (c.values as { label: string }[] | undefined) ?? []) if (!Object.values(en).includes(v.label)) untranslated.push(v.label);
      if (c.key) keys.push(`${c.key}`);
      const children = (c.components as Record<string, unknown>[] | undefined) ?? [];
      children.forEach((ch, i) => walk(ch, ((original.components as Record<string, unknown>[]) ?? [])[i]!));
    };
    walk(shown as unknown as Record<string, unknown>, birth as unknown as Record<string, unknown>);
    expect(untranslated).to.deep.equal([]);
    // keys, values and rules are the form's own: the data is the same in either language
    const originalKeys: string[] = [];
    const collect = (c: Record<string, unknown>) => {
      if (c.key) originalKeys.push(`${c.key}`);
      for (const ch of (c.components as Record<string, unknown>[] | undefined) ?? []) collect(ch);
    };
    collect(birth as unknown as Record<string, unknown>);
    expect(keys).to.deep.equal(originalKeys);
    expect(JSON.stringify(shown)).to.contain('"value":"nam"');
  });

  it('names a field in English in the English half of a message', () => {
    const en = translationsFor(catalogue, 'en')!;
    const r = new FormValidator(birth, en).validate({ declaration: false });
    expect(r.ok).to.equal(false);
    const father = r.problems.find((p) => p.field === 'father.fullName')!;
    expect(father.message.vi).to.contain('«Thông tin người cha › Họ, chữ đệm và tên»');
    expect(father.message.en).to.equal('The father › Full name: this field is required.');
    expect(r.problems.find((p) => p.field === 'declaration')!.message.en).to.match(/^I declare that .*: this box must be ticked\.$/);
  });
});
