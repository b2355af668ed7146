import type { Logger } from 'pino';
import type { Account } from '@motcua/domain/accounts/accounts.repository.ts';
import type { Session } from '@motcua/domain/accounts/accounts.service.ts';

declare global {
  namespace Express {
    interface Request {
      log: Logger;
      actor?: Account;
      session?: Session;
    }
  }
}

export {};
