export * from './area.js';
export * from './goals-2023.js';
export * from './units.js';
export * from './vocabulary.js';
export * from './length.js';
