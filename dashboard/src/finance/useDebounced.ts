import { useEffect, useState } from 'react';

/** How long typing pauses before a search box asks the server. */
export const DEBOUNCE_MS = 300;

/** The value once it has stopped changing for `delayMs`, so each keystroke does not become a request. */
export function useDebounced<T>(value: T, delayMs: number = DEBOUNCE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
