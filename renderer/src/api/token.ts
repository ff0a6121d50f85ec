const TOKEN_KEY = 'planner.token';

/**
 * Browser mode: the server opens the page with `?token=…` once. Keep it for this tab (so a reload
 * still works) and take it out of the address bar, where it would end up in history or a screenshot.
 */
export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}
