/** vt-pbf 3 ships no types: the one function the tile service uses. */
declare module 'vt-pbf' {
  /**
   * Serializes geojson-vt tiles (one per MVT layer name) as a Mapbox Vector Tile protobuf.
   * `version` 2 is the current MVT spec; `extent` must be the one the tiles were cut with.
   */
  export function fromGeojsonVt(layers: Record<string, unknown>, options?: { version?: number; extent?: number }): Uint8Array<ArrayBuffer>;
  const vtpbf: { fromGeojsonVt: typeof fromGeojsonVt };
  export default vtpbf;
}
