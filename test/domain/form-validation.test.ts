/** form-js schemas enforced on the server: the JSON Schema derived from them and the FEEL visibility rules. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { FormSchemaError, formFields, toJsonSchema, type FormSchema } from '@motcua/domain/forms/form-schema.ts';
import { FormValidator } from '@motcua/domain/forms/form-validation.ts';
import { formsDir } from '@motcua/domain/procedures/procedure-package.ts';
import { checkFormDocument } from '@motcua/domain/forms/form-js-schema.ts';
import { buildBirthRegistration } from '../support/dossiers.ts';

const form = (components: unknown[]): FormSchema => ({ type: 'default', id: 'f', components: components as FormSchema['components'] });
const birth = JSON.parse(fs.readFileSync(path.join(formsDir, 'birth-registration.form'), 'utf8')) as FormSchema;
const withCertificate = (data: Record<string, unknown>) => ({
  ...data,
  birthCertificate: [{ attachmentId: '6f1c5b0e-4a39-4c59-9d0e-4d2a5d6a9a11', fileName: 'gcs.pdf' }],
});

describe('form-js schemas on the server', function () {
  it('every form in forms/ converts to a JSON Schema the server can enforce', () => {
    for (const f of fs.readdirSync(formsDir).filter((x) => x.endsWith('.form'))) {
      const schema = JSON.parse(fs.readFileSync(path.join(formsDir, f), 'utf8')) as FormSchema;
      expect(schema.id, f).to.be.a('string');
      expect(() => new FormValidator(schema), f).not.to.throw();
    }
  });

  it('accepts a complete birth registration and trims its text', () => {
    const r = new FormValidator(birth).validate(
      withCertificate(
        buildBirthRegistration({ applicant: { fullName: '  Trần Thị Bình ', relationship: 'me', idNumber: '079195000001', phone: '0912345678' } }),
      ),
    );
    expect(r.problems).to.deep.equal([]);
    expect((r.data.applicant as { fullName: string }).fullName).to.equal('Trần Thị Bình');
  });

  it('drops a hidden group (father unknown) as form-js does, and then does not require it', () => {
    const r = new FormValidator(birth).validate(withCertificate(buildBirthRegistration({ fatherUnknown: true, father: { fullName: 'Bỏ qua' } })));
    expect(r.ok).to.equal(true);
    expect(r.data).not.to.have.property('father');
  });

  it('rejects unknown fields at every level', () => {
    const r = new FormValidator(birth).validate(
      withCertificate(buildBirthRegistration({ admin: true, child: { ...(buildBirthRegistration().child as object), secret: 1 } })),
    );
    expect(r.problems.map((p) => p.field)).to.include.members(['admin', 'child.secret']);
    expect(r.problems.every((p) => p.code === 'form.additionalProperties')).to.equal(true);
  });

  it('checks patterns, enums, dates, email and a required declaration, in Vietnamese and English', () => {
    const data = buildBirthRegistration({
      mother: { ...(buildBirthRegistration().mother as object), idNumber: '12345' },
      applicant: { fullName: 'A', relationship: 'hang_xom', idNumber: '079195000001', phone: '12345', email: 'not-an-email' },
      declaration: false,
    });
    const r = new FormValidator(birth).validate(withCertificate(data));
    const byField = Object.fromEntries(r.problems.map((p) => [p.field, p]));
    expect(Object.keys(byField)).to.include.members(['mother.idNumber', 'applicant.relationship', 'applicant.phone', 'applicant.email', 'declaration']);
    expect(byField['applicant.relationship']!.message.vi).to.contain('vui lòng chọn');
    expect(byField.declaration!.message.en).to.contain('ticked');
  });

  it('lets an optional field stay empty, as form-js submits it, yet holds a filled one to its rules', () => {
    const schema = form([
      { type: 'textfield', key: 'email', label: 'Thư điện tử', validate: { validationType: 'email' } },
      { type: 'textfield', key: 'code', label: 'Mã', validate: { pattern: '[A-Z]{3}', minLength: 5 } },
      { type: 'textfield', key: 'name', label: 'Tên', validate: { required: true, pattern: '^[^0-9]+$' } },
    ]);
    const v = new FormValidator(schema);
    expect(v.validate({ email: '', code: '', name: 'Bình' }).problems).to.deep.equal([]);
    expect(v.validate({ email: 'binh@example.vn', code: 'xxABCx', name: 'Bình' }).problems).to.deep.equal([]);
    const bad = v.validate({ email: 'binh@', code: 'ABC', name: '' });
    expect(bad.problems.map((p) => p.field).sort()).to.deep.equal(['code', 'email', 'name']);
    expect(
      v
        .validate({ email: 'a@b.vn', code: 'abcdef', name: 'B1' })
        .problems.map((p) => p.field)
        .sort(),
    ).to.deep.equal(['code', 'name']);
  });

  it('takes an optional date left blank (form-js sends null) as not filled, and a required one as missing', () => {
    const schema = form([
      { type: 'datetime', subtype: 'date', key: 'registeredOn', dateLabel: 'Ngày đăng ký' },
      { type: 'datetime', subtype: 'date', key: 'bornOn', dateLabel: 'Ngày sinh', validate: { required: true } },
    ]);
    const v = new FormValidator(schema);
    const r = v.validate({ registeredOn: null, bornOn: '2026-11-20' });
    expect(r.problems).to.deep.equal([]);
    expect(r.data).to.deep.equal({ bornOn: '2026-11-20' });
    expect(v.validate({ registeredOn: null, bornOn: null }).problems.map((p) => [p.field, p.code])).to.deep.equal([['bornOn', 'form.required']]);
  });

  it('holds "phone" to what form-js accepts in the browser (with country code), and warns the studio that it refuses 0912…', () => {
    const schema = form([{ type: 'textfield', id: 'f_phone', key: 'phone', label: 'Số điện thoại', validate: { validationType: 'phone' } }]);
    const v = new FormValidator(schema);
    for (const ok of ['+84912345678', '0084912345678']) expect(v.validate({ phone: ok }).problems, ok).to.deep.equal([]);
    for (const bad of ['0912345678', '12345', '+84 91'])
      expect(
        v.validate({ phone: bad }).problems.map((p) => p.field),
        bad,
      ).to.deep.equal(['phone']);
    const found = checkFormDocument(schema, 'f');
    expect(found.map((p) => [p.severity, p.componentId])).to.deep.equal([['warning', 'f_phone']]);
    expect(found[0]!.message.vi).to.contain('^0[0-9]{9}$');
  });

  it('derives nested objects from group paths and dotted keys, arrays from dynamic lists', () => {
    const schema = form([
      { type: 'textfield', key: 'a.b', label: 'AB', validate: { required: true } },
      { type: 'dynamiclist', path: 'children', components: [{ type: 'textfield', key: 'name', label: 'Tên', validate: { required: true } }] },
      { type: 'number', key: 'copies', label: 'Số bản', validate: { min: 1, max: 10 } },
    ]);
    const js = toJsonSchema(schema) as { properties: Record<string, { type: string }> };
    expect(js.properties.a!.type).to.equal('object');
    expect(js.properties.children!.type).to.equal('array');
    const v = new FormValidator(schema);
    expect(v.validate({ a: { b: 'x' }, children: [{ name: 'An' }], copies: 2 }).ok).to.equal(true);
    expect(v.validate({ a: { b: 'x' }, children: [{}], copies: 11 }).problems.map((p) => p.field)).to.have.members(['children.0.name', 'copies']);
  });

  it('refuses a form component it cannot enforce, naming it', () => {
    expect(() => formFields(form([{ id: 'x1', type: 'magic', key: 'm' }]))).to.throw(FormSchemaError, /magic/);
    expect(() =>
      formFields(
        form([
          { type: 'textfield', key: 'a' },
          { type: 'textarea', key: 'a' },
        ]),
      ),
    ).to.throw(FormSchemaError, /two fields/);
    // form-js itself refuses to render a form whose components share an id
    expect(() =>
      formFields(
        form([
          { type: 'group', id: 'g1', path: 'a', components: [{ id: 'f_name', type: 'textfield', key: 'n' }] },
          { type: 'group', id: 'g2', path: 'b', components: [{ id: 'f_name', type: 'textfield', key: 'n' }] },
        ]),
      ),
    ).to.throw(FormSchemaError, /id f_name/);
  });
});
