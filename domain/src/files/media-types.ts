/** What a file really is, from its first bytes: a declared type or a file name is never trusted. */

const signatures: { type: string; magic: number[]; offset?: number }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function sniffMediaType(content: Buffer): string | undefined {
  return signatures.find((s) => s.magic.every((b, i) => content[(s.offset ?? 0) + i] === b))?.type;
}
