/**
 * Geometry validity (DESIGN §4), pure: `checkGeometry` lists every problem (feature-level reasons in
 * Chinese and English, with ring and place), `isValid` says whether any is an error, and
 * `repairGeometry` fixes the simple cases or returns null. Implementation: validity-check.ts
 * (rules), validity-repair.ts (repairs), ring-sweep.ts (O(n log n) segment sweep), planar.ts
 * (tolerant orientation predicates).
 */
export { checkGeometry, isValid, type ValidityCode, type ValidityIssue } from './validity-check.js';
export { repairGeometry } from './validity-repair.js';
