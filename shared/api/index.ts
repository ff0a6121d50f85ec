export * from './contract.js';
export * from './errors.js';
export * from './geojson.js';
export * from './layers.js';
export * from './settings.js';
export * from './import.js';
export * from './goals.js';
export * from './edit.js';
