/** Administration of the organisation: the unit tree of an administrator's region, and each unit's history. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { unitLevels } from '@motcua/domain/org-units/org-units.repository.ts';
import { msg } from '@motcua/domain/errors/errors.ts';
import { requireRole } from '../http/session.ts';
import { pageQuery, requireUuid, validBody, validQuery } from '../http/validate.ts';

const admin = requireRole('administrator');

const name = { type: 'string', minLength: 2, maxLength: 300, pattern: '\\S' };
const fields = { type: 'array', maxItems: 50, items: { type: 'string', minLength: 2, maxLength: 200 } };
const address = { type: ['string', 'null'], maxLength: 500 };
const level = { type: 'string', enum: unitLevels };

/** the unit's fields as people read them (problems name these, never the keys) */
const labels = {
  name: msg('Tên đơn vị', 'Unit name'),
  agencyCode: msg('Mã định danh đơn vị', 'Agency code'),
  parentId: msg('Đơn vị cấp trên', 'Parent unit'),
  level: msg('Cấp đơn vị', 'Level'),
  fields: msg('Lĩnh vực', 'Fields'),
  address: msg('Địa chỉ', 'Address'),
};

const createSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'agencyCode', 'parentId', 'level'],
  properties: {
    name,
    // QCVN 102:2016/BTTTT: 000.00.00.H29
    agencyCode: { type: 'string', pattern: '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$' },
    parentId: { type: 'string', format: 'uuid' },
    level,
    fields,
    address,
  },
};
const updateSchema = { type: 'object', additionalProperties: false, minProperties: 1, properties: { name, level, fields, address } };
const moveSchema = { type: 'object', additionalProperties: false, required: ['parentId'], properties: { parentId: { type: 'string', format: 'uuid' } } };

export function orgUnitRoutes(services: Services): Router {
  const r = Router();
  const { orgUnits } = services;
  const unitId = (id: string | undefined) => requireUuid(id, 'đơn vị / unit');
  const ctx = (req: { id: unknown }) => ({ requestId: String(req.id) });

  r.get('/admin/units', admin, async (req, res) => {
    res.json({ items: await orgUnits.list(req.actor!) });
  });
  r.post('/admin/units', admin, validBody(createSchema, { labels }), async (req, res) => {
    res.status(201).json(await orgUnits.create(req.actor!, req.body, ctx(req)));
  });
  r.get('/admin/units/:id', admin, async (req, res) => {
    res.json(await orgUnits.get(req.actor!, unitId(req.params.id as string)));
  });
  r.patch('/admin/units/:id', admin, validBody(updateSchema, { labels }), async (req, res) => {
    res.json(await orgUnits.update(req.actor!, unitId(req.params.id as string), req.body, ctx(req)));
  });
  r.post('/admin/units/:id/move', admin, validBody(moveSchema, { labels }), async (req, res) => {
    res.json(await orgUnits.move(req.actor!, unitId(req.params.id as string), req.body.parentId, ctx(req)));
  });
  r.post('/admin/units/:id/deactivate', admin, async (req, res) => {
    res.json(await orgUnits.deactivate(req.actor!, unitId(req.params.id as string), ctx(req)));
  });
  r.post('/admin/units/:id/reactivate', admin, async (req, res) => {
    res.json(await orgUnits.reactivate(req.actor!, unitId(req.params.id as string), ctx(req)));
  });
  r.get('/admin/units/:id/history', admin, validQuery(pageQuery), async (req, res) => {
    const q = req.query as unknown as { limit: number; offset: number };
    res.json(await orgUnits.history(req.actor!, unitId(req.params.id as string), q));
  });
  return r;
}
