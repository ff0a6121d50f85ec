// renderer/tsconfig.json maps Node built-ins, `electron` and `better-sqlite3` here, so that importing
// any of them from renderer/ fails `npm run typecheck` with the message below (DESIGN §2). The
// renderer reaches the backend only through the contract client (shared/api).
const rendererMustNotImportNodeElectronOrTheDatabase: 'renderer/ may import only shared/ and itself (DESIGN §2)' =
  'this module is forbidden in the renderer';
export default rendererMustNotImportNodeElectronOrTheDatabase;
