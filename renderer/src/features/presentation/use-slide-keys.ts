import { useEffect } from 'react';

export interface SlideKeys {
  next(): void;
  prev(): void;
  first(): void;
  last(): void;
  exit(): void;
}

/** What each key does: presentation clickers send PageDown/PageUp (some send arrows or B for blank). */
export function slideAction(key: string): keyof SlideKeys | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
    case 'Enter':
      return 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** Keyboard and clicker navigation while the presentation is open (captured before the app's own keys). */
export function useSlideKeys(keys: SlideKeys): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const action = slideAction(e.key);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      keys[action]();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [keys]);
}
