import iconv from 'iconv-lite';
import type { ExportEncoding } from '../../../shared/api/export.js';

/** Text → bytes in the export's encoding (GBK through iconv-lite, which writes '?' for what GBK lacks). */
export function encodeText(text: string, encoding: ExportEncoding): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gbk');
}

/**
 * Can `text` be written in `encoding` without loss? (GBK lacks some rare hanzi, emoji, …) iconv-lite
 * writes '?' for what GBK lacks, and 0x3F is never a GBK trail byte: more '?' bytes than the text
 * has '?' characters means a loss. `bytes` is the text already encoded (saves a second encode).
 */
export function representable(text: string, encoding: ExportEncoding, bytes: Uint8Array = encodeText(text, encoding)): boolean {
  if (encoding === 'utf-8') return true;
  let inText = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x3f) inText++;
  let inBytes = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x3f) inBytes++;
  return inBytes === inText;
}

/** The longest prefix of `text` (whole characters) whose encoding fits in `maxBytes`. */
export function truncateToBytes(text: string, maxBytes: number, encoding: ExportEncoding): string {
  if (encodeText(text, encoding).length <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = encodeText(ch, encoding).length;
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}
