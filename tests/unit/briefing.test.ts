import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BriefingRequest,
  briefingFileName,
  briefingQuery,
  defaultPngWidth,
  paperCssPx,
  parseBriefingQuery,
  pngHeightFor,
} from '../../shared/api/briefing.js';
import { PlannerError } from '../../shared/api/errors.js';
import { CHROMIUM_ENV, findChromium } from '../../electron/core/briefing/chromium-path.js';
import { MAP_FRAME_MM, mapFrameCssPx, paperScale, printPixelRatio } from '../../renderer/src/features/briefing/layout.js';
import { distanceM, niceScaleBar } from '../../renderer/src/features/briefing/scale-bar.js';
import { slideAction } from '../../renderer/src/features/presentation/use-slide-keys.js';
import { makeTempDir } from '../helpers/tmp.js';

describe('the briefing route query', () => {
  it('round-trips a block page with notes in Chinese, spaces and symbols', () => {
    const params = { kind: 'page' as const, extent: { kind: 'block' as const, code: 'ZD01' }, year: 2023, asOf: '2023-08-01', paper: 'A3' as const, notes: '本月重点:老长城区块 & 九里山区块 = 50%+' };
    const q = briefingQuery(params);
    expect(q).toMatch(/^view=briefing&block=ZD01&year=2023&asOf=2023-08-01&paper=A3&notes=/);
    expect(parseBriefingQuery(`?${q}&token=abc`)).toEqual(params);
  });

  it('makes the atlas a city document whatever extent was asked', () => {
    const q = briefingQuery({ kind: 'atlas', extent: { kind: 'zone', code: 'CG01' }, year: 2023, asOf: '2023-12-31' });
    expect(q).toBe('view=atlas&year=2023&asOf=2023-12-31&paper=A4');
    expect(parseBriefingQuery(q)).toMatchObject({ kind: 'atlas', extent: { kind: 'city' }, notes: '' });
  });

  it('is not a briefing route for the app, or for a broken query', () => {
    expect(parseBriefingQuery('')).toBeNull();
    expect(parseBriefingQuery('?token=abc')).toBeNull();
    expect(parseBriefingQuery('?view=briefing&year=2023&asOf=2023-02-30')).toBeNull();
    expect(parseBriefingQuery('?view=briefing&year=2023&asOf=2023-08-01&paper=A5')).toBeNull();
  });

  it('takes the year from the date when the year is missing', () => {
    expect(parseBriefingQuery('view=briefing&asOf=2024-02-29')).toMatchObject({ year: 2024, asOf: '2024-02-29' });
  });
});

describe('file names and sizes', () => {
  it('names files after the extent, the kind and the date', () => {
    expect(briefingFileName('永康市', '2023-08-01', 'page', 'pdf')).toBe('永康市-简报-2023-08-01.pdf');
    expect(briefingFileName('老长城区块', '2023-08-01', 'page', 'png')).toBe('老长城区块-简报-2023-08-01.png');
    expect(briefingFileName('永康市', '2023-12-31', 'atlas', 'pdf')).toBe('永康市-图集-2023-12-31.pdf');
    expect(briefingFileName('A/B:C*?', '2023-08-01', 'page', 'pdf')).toBe('A_B_C__-简报-2023-08-01.pdf');
  });

  it('sizes sheets in CSS pixels and PNGs by the sheet’s aspect ratio', () => {
    expect(paperCssPx('A4').width).toBeCloseTo(1122.52, 2);
    expect(paperCssPx('A4').height).toBeCloseTo(793.7, 1);
    expect(pngHeightFor('A4', 1600)).toBe(1131);
    expect(pngHeightFor('A3', 2000)).toBe(1414);
    expect(defaultPngWidth('A4')).toBe(2339);
  });

  it('draws the map at ≥ 200 dpi on paper, A3 included', () => {
    const frame = mapFrameCssPx();
    expect(frame.width).toBe(Math.round((MAP_FRAME_MM.width / 25.4) * 96));
    for (const paper of ['A4', 'A3'] as const) {
      const canvasPx = frame.width * printPixelRatio(paper);
      const printedInches = (MAP_FRAME_MM.width * paperScale(paper)) / 25.4;
      expect(canvasPx / printedInches).toBeGreaterThanOrEqual(199.9);
    }
    expect(printPixelRatio('A4', 3)).toBe(3);
  });

  it('checks requests: PNG width bounds, dates, extents', () => {
    expect(BriefingRequest.safeParse({ year: 2023, asOf: '2023-08-01', format: 'png', widthPx: 100 }).success).toBe(false);
    expect(BriefingRequest.safeParse({ year: 2023, asOf: '2023-13-01' }).success).toBe(false);
    expect(BriefingRequest.safeParse({ year: 2023, asOf: '2023-08-01', extent: { kind: 'block' } }).success).toBe(false);
    expect(BriefingRequest.parse({ year: 2023, asOf: '2023-08-01' })).toMatchObject({ kind: 'page', format: 'pdf', paper: 'A4', extent: { kind: 'city' } });
  });
});

describe('the scale bar', () => {
  it('measures a degree of latitude as ~111 km', () => {
    expect(distanceM([120, 28.5], [120, 29.5]) / 1000).toBeCloseTo(111.2, 0);
  });

  it('picks the longest 1–2–5 distance that fits', () => {
    expect(niceScaleBar(10, 150)).toMatchObject({ metres: 1000, px: 100, label: '1 km' });
    expect(niceScaleBar(52.3, 140)).toMatchObject({ metres: 5000, label: '5 km' });
    expect(niceScaleBar(1.2, 100)).toMatchObject({ metres: 100, label: '100 m' });
    expect(niceScaleBar(0, 100)).toBeNull();
  });
});

describe('presentation keys', () => {
  it('turns with arrows and clicker keys, jumps with Home/End, ends with Esc', () => {
    expect(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter'].map(slideAction)).toEqual(['next', 'next', 'next', 'next', 'next']);
    expect(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'].map(slideAction)).toEqual(['prev', 'prev', 'prev', 'prev']);
    expect([slideAction('Home'), slideAction('End'), slideAction('Escape'), slideAction('a')]).toEqual(['first', 'last', 'exit', null]);
  });
});

describe('finding Chromium', () => {
  const dir = makeTempDir('chromium-path');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fake = (name: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, '#!/bin/sh\n');
    fs.chmodSync(file, 0o755);
    return file;
  };

  it('takes the explicit path, then the environment variable', () => {
    const a = fake('my-chromium');
    expect(findChromium(a, { PATH: '' })).toBe(a);
    expect(findChromium(null, { PATH: '', [CHROMIUM_ENV]: a })).toBe(a);
  });

  it('never replaces a missing path that was asked for', () => {
    const missing = path.join(dir, 'nope');
    const err = (() => {
      try {
        findChromium(missing, { PATH: dir });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(PlannerError);
    expect((err as PlannerError).code).toBe('chromium_not_found');
    expect((err as PlannerError).message).toContain(missing);
    expect((err as PlannerError).messageZh).toContain('未找到');
  });

  it('finds chromium-browser or google-chrome on PATH when /usr/bin/chromium is absent, and names what it tried', () => {
    if (fs.existsSync('/usr/bin/chromium')) {
      expect(findChromium(null, { PATH: '' })).toBe('/usr/bin/chromium');
      return;
    }
    const chrome = fake('google-chrome');
    expect(findChromium(null, { PATH: dir })).toBe(chrome);
    expect(() => findChromium(null, { PATH: '' })).toThrow(/chromium-browser/);
  });
});
