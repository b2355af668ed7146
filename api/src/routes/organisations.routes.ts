/** Organisations as applicants: the ones a citizen acts for, registering one, authorising people for it. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { msg } from '@motcua/domain/errors/errors.ts';
import { TAX_CODE } from '@motcua/domain/accounts/tax-codes.ts';
import { requireRole } from '../http/session.ts';
import { requireUuid, validBody } from '../http/validate.ts';

const citizen = requireRole('citizen');
const labels = {
  taxCode: msg('Mã số thuế', 'Tax code'),
  name: msg('Tên tổ chức', 'Organisation name'),
  address: msg('Địa chỉ trụ sở', 'Head office address'),
  username: msg('Tên đăng nhập của người được ủy quyền', 'Username of the person authorised'),
};
const registerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['taxCode', 'name'],
  properties: {
    // the form here, the check digit in the service (a problem of its own)
    taxCode: { type: 'string', pattern: TAX_CODE.source },
    name: { type: 'string', minLength: 2, maxLength: 300, pattern: '\\S' },
    address: { type: ['string', 'null'], maxLength: 500 },
  },
};
const memberSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username'],
  properties: { username: { type: 'string', minLength: 3, maxLength: 64 } },
};

export function organisationRoutes(services: Services): Router {
  const r = Router();
  const { organisations } = services;
  const orgId = (id: string | undefined) => requireUuid(id, 'tổ chức / organisation');
  r.get('/organisations', citizen, async (req, res) => {
    res.json({ items: await organisations.mine(req.actor!) });
  });
  r.post('/organisations', citizen, validBody(registerSchema, { labels }), async (req, res) => {
    res.status(201).json(await organisations.register(req.actor!, req.body));
  });
  r.post('/organisations/:id/members', citizen, validBody(memberSchema, { labels }), async (req, res) => {
    res.status(201).json(await organisations.authorise(req.actor!, orgId(req.params.id as string), req.body.username));
  });
  r.delete('/organisations/:id/members/:accountId', citizen, async (req, res) => {
    res.json(await organisations.withdraw(req.actor!, orgId(req.params.id as string), requireUuid(req.params.accountId as string, 'tài khoản / account')));
  });
  return r;
}
