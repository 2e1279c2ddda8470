import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Reads a built asset for the preview server, refusing paths outside `root`. */
export async function readAsset(
  root: string,
  urlPath: string,
): Promise<{ body: Buffer; contentType: string }> {
  const relative = normalize(urlPath).replace(/^(\.\.[/\\])+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root)) {
    throw new Error(`Refusing to serve ${urlPath}`);
  }
  const body = await readFile(file);
  return { body, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
}
