import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PlannerError } from '../../../../shared/api/errors.js';
import { Geometry } from '../../../../shared/api/geojson.js';
import type { PropertyValue } from '../../../../shared/api/geojson.js';
import { decideEncoding, decodeBytes } from './encoding.js';
import type { EncodingDecision } from './encoding.js';
import { WarningLog } from './types.js';
import type { FieldInfo, FieldType, ReadResultBase, SourceFeature } from './types.js';

/** A GeoJSON file's CRS as declared: the legacy "crs" member's EPSG code, or null (RFC 7946). */
export interface GeoJsonCrs {
  epsg: number | null;
  evidence: string;
}

export interface GeoJsonRead extends ReadResultBase {
  format: 'geojson';
  encodingDecision: EncodingDecision;
  crs: GeoJsonCrs;
}

export type GeoJsonInput = string | Uint8Array | { text: string; name?: string };

export interface ReadGeoJsonOptions {
  /** the user's encoding choice; otherwise UTF-8 (RFC 8259), or GBK when the bytes clearly are */
  encoding?: string | null;
  name?: string;
}

const InputFeature = z.object({
  type: z.literal('Feature'),
  geometry: Geometry.nullable(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  id: z.union([z.string(), z.number()]).optional(),
});

const CrsMember = z.object({
  type: z.string(),
  properties: z.record(z.string(), z.unknown()),
});

function invalid(file: string, en: string, zh: string, details: Record<string, unknown> = {}): PlannerError {
  return new PlannerError('invalid_geojson', `${file}: ${en}`, `${file}:${zh}`, { file, ...details });
}

/** "urn:ogc:def:crs:EPSG::4549", "EPSG:4549", "urn:ogc:def:crs:OGC:1.3:CRS84" → EPSG code. */
export function crsNameToEpsg(name: string): number | undefined {
  const n = name.trim();
  if (/^urn:ogc:def:crs:OGC:(1\.3:)?CRS84$/i.test(n) || /^(OGC:)?CRS84$/i.test(n)) return 4326;
  const m = /^(?:urn:ogc:def:crs:)?EPSG:(?:[\d.]*:)?:?(\d+)$/i.exec(n) ?? /opengis\.net\/def\/crs\/EPSG\/[\d.]+\/(\d+)$/i.exec(n);
  return m ? Number(m[1]) : undefined;
}

function readCrs(root: Record<string, unknown>, file: string): GeoJsonCrs {
  if (!('crs' in root) || root.crs === null || root.crs === undefined) return { epsg: null, evidence: 'no "crs" member' };
  const parsed = CrsMember.safeParse(root.crs);
  if (parsed.success) {
    const p = parsed.data.properties;
    const name = typeof p.name === 'string' ? p.name : parsed.data.type.toUpperCase() === 'EPSG' && p.code !== undefined ? `EPSG:${String(p.code)}` : undefined;
    const epsg = name !== undefined ? crsNameToEpsg(name) : undefined;
    if (epsg !== undefined) return { epsg, evidence: `"crs" member names ${name}` };
  }
  const found = JSON.stringify(root.crs).slice(0, 120);
  throw new PlannerError(
    'unknown_crs',
    `Unrecognised "crs" member in ${file}: ${found}. Choose the coordinate system (e.g. --crs EPSG:4549).`,
    `无法识别 ${file} 中的 "crs" 成员:${found}。请指定坐标系(例如 --crs EPSG:4549)。`,
    { file, found },
  );
}

function typeOfValue(v: PropertyValue): FieldType | undefined {
  if (v === null) return undefined;
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? 'date' : 'string';
}

function mergeType(a: FieldType | undefined, b: FieldType | undefined): FieldType | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'string';
}

/**
 * Reads a GeoJSON FeatureCollection (or a single Feature). Geometry stays as written; the CRS is
 * RFC 7946 lon/lat unless a legacy "crs" member names another (EPSG:4490, 4549 …) — pass `crs` to
 * decideCrs. Each feature is validated (zod); the first bad one → 'invalid_geojson' with its index.
 */
export async function readGeoJson(input: GeoJsonInput, opts: ReadGeoJsonOptions = {}): Promise<GeoJsonRead> {
  let file = opts.name ?? 'input.geojson';
  let text: string;
  let decision: EncodingDecision;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    let bytes: Uint8Array;
    if (typeof input === 'string') {
      file = opts.name ?? path.basename(input);
      bytes = await fs.readFile(input).catch(() => {
        throw new PlannerError('file_not_found', `${input} does not exist.`, `文件 ${input} 不存在。`, { file: input });
      });
    } else bytes = input;
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = bom ? bytes.subarray(3) : bytes;
    decision = decideEncoding({ userChoice: opts.encoding ?? null, sampleBytes: [body] });
    if (decision.source === 'detected' && decision.encoding !== 'utf-8' && decision.encoding !== 'ascii') {
      decision = { ...decision, evidence: `not valid UTF-8 as RFC 8259 requires; ${decision.evidence}`, evidenceZh: `不是 RFC 8259 要求的 UTF-8;${decision.evidenceZh}` };
    }
    if (decision.source === 'ask') {
      throw new PlannerError('unknown_encoding', `${file} is not valid UTF-8 and its encoding cannot be told (${decision.evidence}). Choose one (e.g. --encoding GBK).`, `${file} 不是有效的 UTF-8,且无法判断其编码(${decision.evidenceZh})。请指定编码(例如 --encoding GBK)。`, { file, decision });
    }
    text = decodeBytes(body, decision.encoding);
  } else {
    file = input.name ?? file;
    text = input.text;
    decision = { encoding: 'utf-8', source: 'user', evidence: 'given as text', evidenceZh: '以文本形式提供' };
  }

  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw invalid(file, `not valid JSON (${(e as Error).message}).`, `不是有效的 JSON(${(e as Error).message})。`);
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw invalid(file, 'not a GeoJSON object.', '不是 GeoJSON 对象。');
  const obj = root as Record<string, unknown>;
  let rawFeatures: unknown[];
  if (obj.type === 'FeatureCollection' && Array.isArray(obj.features)) rawFeatures = obj.features;
  else if (obj.type === 'Feature') rawFeatures = [obj];
  else throw invalid(file, `expected a FeatureCollection, found type "${String(obj.type)}".`, `应为 FeatureCollection,实际类型为"${String(obj.type)}"。`);
  const crs = readCrs(obj, file);
  if (rawFeatures.length === 0) throw new PlannerError('empty_file', `${file} contains no features.`, `${file} 中没有任何要素。`, { file });

  const log = new WarningLog();
  const features: SourceFeature[] = [];
  const fieldTypes = new Map<string, FieldType | undefined>();
  for (let i = 0; i < rawFeatures.length; i++) {
    const parsed = InputFeature.safeParse(rawFeatures[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.map(String).join('.') || '(feature)';
      throw invalid(file, `feature ${i} is not a valid GeoJSON Feature: ${where}: ${issue.message}.`, `第 ${i} 个要素不是有效的 GeoJSON 要素:${where}:${issue.message}。`, { feature: i, path: where, reason: issue.message });
    }
    const attributes: Record<string, PropertyValue> = {};
    for (const [k, v] of Object.entries(parsed.data.properties ?? {})) {
      let value: PropertyValue;
      if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) value = v ?? null;
      else {
        value = JSON.stringify(v);
        log.add('nested_property', `Property "${k}" holds objects or arrays; kept as JSON text.`, `属性"${k}"含有对象或数组,按 JSON 文本保留。`, i, k);
      }
      attributes[k] = value;
      fieldTypes.set(k, mergeType(fieldTypes.get(k), typeOfValue(value)));
    }
    const geometry = parsed.data.geometry;
    if (!geometry) log.add('null_geometry', 'Some features have no geometry.', '部分要素没有几何图形。', i);
    features.push({ index: i, geometry, attributes });
  }
  const fields: FieldInfo[] = [...fieldTypes].map(([name, type]) => ({ name, type: type ?? 'string' }));
  return { format: 'geojson', file, features, fields, encodingDecision: decision, crs, warnings: log.list() };
}
