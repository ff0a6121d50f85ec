import type { ServerResponse } from 'node:http';

/** A file the server hands to the browser as a download (a finished briefing). */
export interface DownloadFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** RFC 6266: an ASCII fallback name plus the UTF-8 name (永康市-简报-2023-08-01.pdf). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function sendFile(res: ServerResponse, file: DownloadFile, headers: Readonly<Record<string, string>>): void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': file.mime,
    'Content-Length': String(file.bytes.byteLength),
    'Content-Disposition': contentDisposition(file.fileName),
    'Cache-Control': 'no-store',
  });
  res.end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}
