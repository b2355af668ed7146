/** File contents (attachments, issued documents) stored in PostgreSQL, with their SHA-256. */
import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db/db.ts';

export interface StoredFile {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export async function storeFile({ db, content, mediaType }: { db: DbOrTx; content: Buffer; mediaType: string }): Promise<StoredFile> {
  const sha256 = sha256Hex(content);
  const [row] = await db('stored_files').insert({ sha256, size: content.length, media_type: mediaType, content }).returning(['id']);
  return { id: (row as { id: string }).id, sha256, size: content.length, mediaType };
}

export async function readFile({ db, id }: { db: DbOrTx; id: string }): Promise<(StoredFile & { content: Buffer }) | undefined> {
  const row = await db('stored_files').where({ id }).first();
  return row && { id: row.id, sha256: row.sha256, size: Number(row.size), mediaType: row.media_type, content: row.content as Buffer };
}
