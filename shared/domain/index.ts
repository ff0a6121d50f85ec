export * from './area.js';
export * from './goals-2023.js';
export * from './units.js';
export * from './vocabulary.js';
export * from './length.js';
export * from './goals.js';
export * from './goal-colors.js';
export * from './goal-keys.js';
