// @ts-check
/**
 * Local ESLint rule enforcing DESIGN §2's layering by resolved path, like VS Code's code-layering
 * rule: each file belongs to a layer by folder; relative imports are resolved and must land in a
 * layer it may use; bare module names are checked against the layer's forbidden modules.
 */
import path from 'node:path';
import { builtinModules } from 'node:module';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isNode = (m) => NODE.has(m) || m.startsWith('node:') || NODE.has(m.split('/')[0]);

/** layer → { may: layers it may import, forbid: (module) → reason | null } */
const LAYERS = {
  'shared/api': { may: ['shared/api', 'shared/domain', 'shared/geo'], forbid: pureForbid },
  'shared/domain': { may: ['shared/api', 'shared/domain', 'shared/geo'], forbid: pureForbid },
  'shared/geo': { may: ['shared/api', 'shared/domain', 'shared/geo'], forbid: pureForbid },
  renderer: { may: ['renderer', 'shared/api', 'shared/domain', 'shared/geo'], forbid: rendererForbid },
  'electron/core': { may: ['electron/core', 'shared/api', 'shared/domain', 'shared/geo'], forbid: noElectron },
  'electron/web': { may: ['electron/web', 'electron/core', 'shared/api', 'shared/domain', 'shared/geo'], forbid: noElectron },
  'electron/cli': { may: ['electron/cli', 'electron/core', 'electron/web', 'shared/api', 'shared/domain', 'shared/geo'], forbid: noElectron },
  'electron/main': { may: ['electron/main', 'electron/core', 'electron/web', 'electron/preload', 'shared/api', 'shared/domain', 'shared/geo'], forbid: () => null },
  'electron/preload': { may: ['electron/preload', 'shared/api'], forbid: preloadForbid },
  'gis-data': { may: ['gis-data', 'electron/core', 'shared/api', 'shared/domain', 'shared/geo'], forbid: noElectron },
};

function pureForbid(m) {
  if (isNode(m)) return 'shared/ is pure: no Node built-ins';
  if (m === 'electron' || m.startsWith('electron/')) return 'shared/ is pure: no Electron';
  if (m === 'better-sqlite3') return 'shared/ is pure: no database';
  if (['react', 'react-dom', 'maplibre-gl'].includes(m) || m.startsWith('react-dom/')) return 'shared/ is pure: no DOM libraries';
  return null;
}
function rendererForbid(m) {
  if (isNode(m)) return 'the renderer may not use Node built-ins';
  if (m === 'electron' || m.startsWith('electron/')) return 'the renderer may not import electron';
  if (m === 'better-sqlite3') return 'the renderer reaches the database only through the contract';
  return null;
}
function noElectron(m) {
  return m === 'electron' || m.startsWith('electron/') ? 'only electron/main and electron/preload may import electron; core/web/cli must run under plain Node' : null;
}
function preloadForbid(m) {
  if (isNode(m)) return 'preload may import only the contract (no Node built-ins)';
  if (m === 'better-sqlite3') return 'preload may import only the contract';
  return null;
}

function layerOf(abs) {
  const rel = path.relative(ROOT, abs).split(path.sep).join('/');
  if (rel.startsWith('..')) return null;
  for (const name of Object.keys(LAYERS)) {
    if (rel === name || rel.startsWith(`${name}/`)) return name;
  }
  if (rel.startsWith('shared/')) return 'shared/api';
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: { type: 'problem', docs: { description: 'Enforce DESIGN §2 import boundaries' }, schema: [] },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    // vite.config.ts is build tooling that runs under Node, not renderer code.
    if (!from || file.endsWith('vite.config.ts')) return {};
    const spec = LAYERS[from];
    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(file), source));
        const shown = path.relative(ROOT, path.resolve(path.dirname(file), source));
        if (!target || !spec.may.includes(target)) {
          context.report({ node, message: `DESIGN §2: ${from} may not import ${shown} (${target ?? 'outside the layers'}); allowed: ${spec.may.join(', ')}` });
        }
        return;
      }
      const reason = spec.forbid(source);
      if (reason) context.report({ node, message: `DESIGN §2: ${from} may not import '${source}': ${reason}` });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { layering: rule } };
