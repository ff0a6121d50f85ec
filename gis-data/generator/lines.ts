/**
 * Transport projects (交通项目) as MultiLineStrings: railways, expressways, rail transit, the
 * highway with its 永康 link, urban roads to open this year, and the logistics links.
 * Routes follow hand-placed waypoints with a little seeded wobble (illustrative).
 */
import type { FeatureInput } from '../../electron/core/project/types.js';
import { fromLonLat, toLonLat, type LonLat, type Xy } from './geometry.js';
import { Rng } from './prng.js';

interface TransportDef {
  name: string;
  mode: string;
  stage: '前期' | '开工' | '在建' | '建成通车';
  targetStage: '前期' | '开工' | '在建' | '建成通车';
  /** One or more parts, each a list of lon/lat waypoints. */
  parts: readonly (readonly (readonly [number, number])[])[];
}

const TRANSPORT_DEFS: readonly TransportDef[] = [
  {
    name: '杭丽高铁',
    mode: '铁路',
    stage: '前期',
    targetStage: '前期',
    parts: [[[120.118, 29.095], [120.082, 28.99], [120.06, 28.925], [120.018, 28.85], [119.968, 28.755]]],
  },
  {
    name: '金武永快速路',
    mode: '快速路',
    stage: '前期',
    targetStage: '前期',
    parts: [[[119.855, 28.958], [119.92, 28.935], [119.975, 28.915], [120.01, 28.905]]],
  },
  {
    name: '金武永东轨道交通',
    mode: '轨道交通',
    stage: '前期',
    targetStage: '前期',
    parts: [[[119.855, 28.9], [119.93, 28.893], [119.99, 28.89], [120.035, 28.893], [120.09, 28.912]]],
  },
  {
    name: '义龙庆高速及永康联络线',
    mode: '高速',
    stage: '开工',
    targetStage: '开工',
    parts: [
      [[120.012, 29.098], [120.028, 29.0], [120.07, 28.9], [120.085, 28.82], [120.095, 28.752]],
      [[120.07, 28.9], [120.045, 28.888], [120.02, 28.884]],
    ],
  },
  { name: '南苑西路延伸', mode: '道路', stage: '建成通车', targetStage: '建成通车', parts: [[[120.018, 28.865], [120.005, 28.862], [119.99, 28.857]]] },
  { name: '金塔路', mode: '道路', stage: '在建', targetStage: '建成通车', parts: [[[120.043, 28.93], [120.046, 28.945], [120.052, 28.962]]] },
  { name: '城北东路延伸', mode: '道路', stage: '建成通车', targetStage: '建成通车', parts: [[[120.055, 28.915], [120.075, 28.918], [120.098, 28.922]]] },
  {
    name: '南四环',
    mode: '道路',
    stage: '在建',
    targetStage: '建成通车',
    parts: [[[119.985, 28.872], [120.005, 28.848], [120.04, 28.842], [120.075, 28.85], [120.095, 28.868]]],
  },
  { name: '永康东站海铁联运', mode: '海铁联运', stage: '在建', targetStage: '建成通车', parts: [[[120.086, 28.935], [120.093, 28.941], [120.101, 28.944]]] },
  { name: '中国五金物流港', mode: '物流', stage: '在建', targetStage: '在建', parts: [[[120.088, 28.951], [120.097, 28.95], [120.103, 28.947]]] },
  { name: '第六港区永康片区', mode: '港口', stage: '前期', targetStage: '开工', parts: [[[120.104, 28.94], [120.112, 28.936], [120.118, 28.93]]] },
];

export const TRANSPORT_NAMES: readonly string[] = TRANSPORT_DEFS.map((t) => t.name);

/** Inserts intermediate vertices every ~`stepM` metres with a smooth sideways wobble. */
function wobble(rng: Rng, waypoints: readonly (readonly [number, number])[], stepM: number): LonLat[] {
  const pts = waypoints.map(([lon, lat]) => fromLonLat(lon, lat));
  const out: Xy[] = [pts[0]!];
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const steps = Math.max(1, Math.round(len / stepM));
    const nx = -(b[1] - a[1]) / len;
    const ny = (b[0] - a[0]) / len;
    const amp = Math.min(120, len * 0.02) * rng.range(0.4, 1);
    const phase = rng.range(0, Math.PI);
    for (let s = 1; s <= steps; s++) {
      const t = s / steps;
      // sin(πt) vanishes at both waypoints, so the route still passes through them.
      const off = s === steps ? 0 : amp * Math.sin(Math.PI * t) * Math.cos(phase + 3 * t);
      out.push([a[0] + (b[0] - a[0]) * t + nx * off, a[1] + (b[1] - a[1]) * t + ny * off]);
    }
  }
  return out.map(toLonLat);
}

export function transportFeatures(seed: number): FeatureInput[] {
  const rng = new Rng(seed, 'transport');
  return TRANSPORT_DEFS.map((def, i) => ({
    geometry: { type: 'MultiLineString', coordinates: def.parts.map((part) => wobble(rng, part, 400)) },
    properties: {
      code: `JT${String(i + 1).padStart(2, '0')}`,
      name: def.name,
      mode: def.mode,
      stage: def.stage,
      target_stage: def.targetStage,
    },
  }));
}
