import path from 'node:path';
import { Project } from '../../electron/core/project/project.js';

/** Three parcels (two near 永康 city, one further east), one key block and one road. */
export const PARCEL_CODES = ['YK-0001', 'YK-0002', 'YK-0003'] as const;

export function createFixtureProject(dir: string, name = '契约测试项目'): Project {
  const p = Project.create(path.join(dir, `${name}.gpkg`), { name });
  p.insertFeatures('parcels', [
    {
      geometry: { type: 'Polygon', coordinates: [[[120.03, 28.9], [120.032, 28.9], [120.032, 28.902], [120.03, 28.902], [120.03, 28.9]]] },
      properties: { code: 'YK-0001', owner: '永康市测试五金有限公司', town: '东城街道', status: '已完成', method: '拆除重建', completed_on: '2023-06-30' },
    },
    {
      geometry: { type: 'Polygon', coordinates: [[[120.035, 28.905], [120.036, 28.905], [120.036, 28.906], [120.035, 28.906], [120.035, 28.905]]] },
      properties: { code: 'YK-0002', owner: '浙江某某工贸有限公司', town: '江南街道', status: '整治中', method: '改造提升' },
    },
    {
      geometry: { type: 'Polygon', coordinates: [[[120.2, 28.95], [120.201, 28.95], [120.201, 28.951], [120.2, 28.951], [120.2, 28.95]]] },
      properties: { code: 'YK-0003', owner: '永康某某机械厂', town: '芝英镇', status: '未启动' },
    },
  ]);
  p.insertFeatures('key_blocks', [
    {
      geometry: { type: 'Polygon', coordinates: [[[120.02, 28.89], [120.04, 28.89], [120.04, 28.91], [120.02, 28.91], [120.02, 28.89]]] },
      properties: { code: 'KB01', name: '老长城区块', town: '东城街道' },
    },
  ]);
  p.insertFeatures('transport', [
    { geometry: { type: 'LineString', coordinates: [[120.0, 28.9], [120.05, 28.92]] }, properties: { code: 'R1', name: '金塔路', mode: '道路', stage: '在建' } },
  ]);
  return p;
}
