/**
 * Each agency signs with its own certificate (liên thông: the department that decides signs the result, not the
 * centre that received the dossier). An agency's key and chain sit under `<SIGNING_AGENCIES_DIR>/<agency code>/`
 * (`signing-key.pem`, `signing-chain.pem`); an agency without its own signs with its nearest ancestor's, and at
 * the top with the platform's signer (SIGNING_KEY_FILE). In development an agency without files gets a
 * development certificate in its own name on first use. A remote signing service or HSM per agency fits behind
 * the same `Signer`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DbOrTx } from '../db/db.ts';
import { findOrgUnit, type OrgUnit } from '../org-units/org-units.repository.ts';
import { ensureDevPki } from './dev-pki.ts';
import { LocalKeySigner } from './local-key-signer.ts';
import type { Signer } from './signer.ts';

export interface AgencySigners {
  /** The signer of the unit (its own, its nearest ancestor's, or the platform's). */
  forUnit(unit: OrgUnit): Promise<Signer>;
}

const KEY = 'signing-key.pem';
const CHAIN = 'signing-chain.pem';

export function agencySigners({ db, dir, fallback, development }: { db: DbOrTx; dir: string; fallback: Signer; development: boolean }): AgencySigners {
  const loaded = new Map<string, Promise<Signer | undefined>>();

  function own(unit: OrgUnit): Promise<Signer | undefined> {
    let hit = loaded.get(unit.agencyCode);
    if (!hit) {
      hit = (async () => {
        const at = path.join(dir, unit.agencyCode);
        const [key, chain] = [fs.existsSync(path.join(at, KEY)), fs.existsSync(path.join(at, CHAIN))];
        if (key && chain) return LocalKeySigner.fromFiles(path.join(at, KEY), path.join(at, CHAIN));
        // half a key set is a mistake to fix, not a reason to sign in another agency's name
        if (!development && (key || chain)) throw new Error(`${at}: ${KEY} and ${CHAIN} go together; one of them is missing`);
        if (!development) return undefined;
        const files = await ensureDevPki(at, unit.name);
        return LocalKeySigner.fromFiles(files.keyFile, files.certFile);
      })();
      hit.catch(() => loaded.delete(unit.agencyCode));
      loaded.set(unit.agencyCode, hit);
    }
    return hit;
  }

  return {
    async forUnit(unit) {
      for (let u: OrgUnit | undefined = unit; u; u = u.parentId ? await findOrgUnit({ db, id: u.parentId }) : undefined) {
        const s = await own(u);
        if (s) return s;
      }
      return fallback;
    },
  };
}
