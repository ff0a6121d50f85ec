import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlannerError } from '../../../shared/api/errors.js';
import { MAX_UPLOAD_BYTES, UPLOAD_NAME, UploadId, type UploadResult } from '../../../shared/api/import.js';

/**
 * Uploaded files wait here (one folder per upload id, in the temp folder) until they are
 * previewed and imported. Names and ids are validated, so nothing is written outside the folder.
 */
export class UploadStaging {
  readonly root: string;

  constructor(root = fs.mkdtempSync(path.join(os.tmpdir(), 'landplanner-uploads-'))) {
    this.root = root;
  }

  stage(uploadId: string, name: string, bytes: Uint8Array): UploadResult {
    const id = UploadId.safeParse(uploadId);
    if (!id.success) throw new PlannerError('invalid_upload', `Invalid upload id "${uploadId}"`, `上传编号无效:“${uploadId}”`, { uploadId });
    if (!UPLOAD_NAME.test(name) || name.includes('..')) {
      throw new PlannerError(
        'invalid_upload',
        `${name}: only shapefile parts (.shp .shx .dbf .prj .cpg), .zip, .geojson/.json and ledgers (.xlsx .csv) can be imported`,
        `${name}:只能导入 shapefile 各部分(.shp .shx .dbf .prj .cpg)、.zip、.geojson/.json 或台账(.xlsx .csv)文件`,
        { name },
      );
    }
    if (bytes.byteLength > MAX_UPLOAD_BYTES) {
      throw new PlannerError('upload_too_large', `${name} is larger than 1 GiB`, `${name} 超过 1 GiB`, { name, bytes: bytes.byteLength });
    }
    const dir = path.join(this.root, uploadId);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
    return { uploadId, files: fs.readdirSync(dir).sort() };
  }

  /** The staged files to open: the .zip, .geojson or ledger (.xlsx/.csv), or the .shp (its siblings are found next to it). */
  paths(uploadId: string): string[] {
    const dir = path.join(this.root, uploadId);
    const files = UploadId.safeParse(uploadId).success && fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    if (files.length === 0) {
      throw new PlannerError('upload_not_found', `Nothing was uploaded under ${uploadId}`, `没有找到上传的文件(${uploadId})`, { uploadId });
    }
    const main = files.filter((f) => /\.(zip|geojson|json|shp|xlsx|csv)$/i.test(f));
    if (main.length === 0) {
      throw new PlannerError('missing_shp', `${files.join(', ')}: the .shp file (the geometry) is missing`, `${files.join('、')}:缺少 .shp 文件(几何图形)`, { files });
    }
    return main.length === 1 ? [path.join(dir, main[0] as string)] : files.map((f) => path.join(dir, f));
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
