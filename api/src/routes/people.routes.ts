/**
 * Administration of people: the officers, auditors and administrators of an administrator's region, their
 * roles in units, deactivation, password resets, the Excel import (with its template) and each person's history.
 */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { assignableRoles, USERNAME_PATTERN } from '@motcua/domain/accounts/people.service.ts';
import { InputError, msg } from '@motcua/domain/errors/errors.ts';
import { requireRole } from '../http/session.ts';
import { pageQuery, requireUuid, validBody, validQuery } from '../http/validate.ts';
import { multipart, uploadedFiles } from '../http/uploads.ts';
import { contentDisposition } from '../http/files.ts';

const admin = requireRole('administrator');

const fullName = { type: 'string', minLength: 2, maxLength: 100, pattern: '\\S' };
const email = { type: ['string', 'null'], format: 'email', maxLength: 200 };
const phone = { type: ['string', 'null'], pattern: '^0[0-9]{9}$' };
const role = { type: 'string', enum: assignableRoles };
const orgUnitId = { type: ['string', 'null'], format: 'uuid' };

/** the fields as people read them (problems name these, never the keys) */
const labels = {
  username: msg('Tên đăng nhập', 'Username'),
  fullName: msg('Họ và tên', 'Full name'),
  email: msg('Thư điện tử', 'Email'),
  phone: msg('Số điện thoại', 'Phone'),
  role: msg('Vai trò', 'Role'),
  orgUnitId: msg('Đơn vị', 'Unit'),
};

const createSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'fullName', 'role', 'orgUnitId'],
  properties: { username: { type: 'string', pattern: USERNAME_PATTERN, not: { pattern: '^[cC][cC][cC][dD]-' } }, fullName, email, phone, role, orgUnitId },
};
const updateSchema = { type: 'object', additionalProperties: false, minProperties: 1, properties: { fullName, email, phone } };
const roleSchema = { type: 'object', additionalProperties: false, required: ['role', 'orgUnitId'], properties: { role, orgUnitId } };
const listQuery = {
  ...pageQuery,
  properties: { ...pageQuery.properties, q: { type: 'string', maxLength: 100 }, includeDisabled: { type: 'boolean', default: false } },
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function peopleRoutes(services: Services): Router {
  const r = Router();
  const { people } = services;
  const personId = (id: string | undefined) => requireUuid(id, 'cán bộ / person');
  const ctx = (req: { id: unknown }) => ({ requestId: String(req.id) });
  const upload = multipart({ maxFileBytes: 5 * 1024 * 1024, maxFiles: 1 });

  r.get('/admin/people', admin, validQuery(listQuery), async (req, res) => {
    res.json(await people.list(req.actor!, req.query as unknown as { q?: string; includeDisabled: boolean; limit: number; offset: number }));
  });
  r.post('/admin/people', admin, validBody(createSchema, { labels }), async (req, res) => {
    res.status(201).json(await people.create(req.actor!, req.body, ctx(req)));
  });
  r.get('/admin/people/import-template.xlsx', admin, async (req, res) => {
    res
      .type(XLSX)
      .set('Content-Disposition', contentDisposition('mau-nhap-can-bo.xlsx'))
      .send(await people.importTemplate(req.actor!));
  });
  r.post('/admin/people/import', admin, upload, async (req, res) => {
    const [file, ...more] = uploadedFiles(req.files);
    if (!file || more.length)
      throw new InputError('import_file_required', msg('Hãy chọn một tệp Excel (.xlsx) để nhập.', 'Choose one Excel workbook (.xlsx) to import.'), [
        { field: 'file', code: 'import_file_required', message: msg('Hãy chọn một tệp Excel (.xlsx).', 'Choose an Excel workbook (.xlsx).') },
      ]);
    res.json(await people.importSheet(req.actor!, file.content, ctx(req)));
  });
  r.get('/admin/people/:id', admin, async (req, res) => {
    res.json(await people.get(req.actor!, personId(req.params.id as string)));
  });
  r.patch('/admin/people/:id', admin, validBody(updateSchema, { labels }), async (req, res) => {
    res.json(await people.update(req.actor!, personId(req.params.id as string), req.body, ctx(req)));
  });
  r.post('/admin/people/:id/roles', admin, validBody(roleSchema, { labels }), async (req, res) => {
    res.status(201).json(await people.addRole(req.actor!, personId(req.params.id as string), req.body, ctx(req)));
  });
  r.delete('/admin/people/:id/roles/:roleId', admin, async (req, res) => {
    res.json(await people.removeRole(req.actor!, personId(req.params.id as string), requireUuid(req.params.roleId as string, 'vai trò / role'), ctx(req)));
  });
  r.post('/admin/people/:id/deactivate', admin, async (req, res) => {
    res.json(await people.deactivate(req.actor!, personId(req.params.id as string), ctx(req)));
  });
  r.post('/admin/people/:id/reactivate', admin, async (req, res) => {
    res.json(await people.reactivate(req.actor!, personId(req.params.id as string), ctx(req)));
  });
  r.post('/admin/people/:id/reset-password', admin, async (req, res) => {
    res.json(await people.resetPassword(req.actor!, personId(req.params.id as string), ctx(req)));
  });
  r.post('/admin/people/:id/reset-second-factor', admin, async (req, res) => {
    res.json(await people.resetSecondFactor(req.actor!, personId(req.params.id as string), ctx(req)));
  });
  r.get('/admin/people/:id/history', admin, validQuery(pageQuery), async (req, res) => {
    res.json(await people.history(req.actor!, personId(req.params.id as string), req.query as unknown as { limit: number; offset: number }));
  });
  return r;
}
