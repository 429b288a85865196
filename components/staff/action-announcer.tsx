'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { FormMessage } from '@/components/ui/field';

type Announce = (message: string) => void;
const AnnounceContext = createContext<Announce | null>(null);

/**
 * Where the staff page says what a command did. A move makes its own form disappear (the new state offers other
 * moves), so its answer is held here, above the forms, and takes the focus: a screen-reader user hears it too.
 */
export function ActionAnnouncer({ children }: { children: React.ReactNode }) {
  const [message, setMessage] = useState<{ text: string; at: number } | null>(null);
  const target = useRef<HTMLDivElement>(null);
  // Stable, so that no form re-renders because the announcer did.
  const announce = useCallback((text: string) => setMessage({ text, at: Date.now() }), []);
  useEffect(() => {
    if (message) target.current?.focus();
  }, [message]);
  return (
    <AnnounceContext value={announce}>
      <div ref={target} tabIndex={-1} className="outline-none">
        {message && <FormMessage key={message.at} isError={false} message={message.text} />}
      </div>
      {children}
    </AnnounceContext>
  );
}

/** The announcer of the page, or null where there is none (the form then shows its own answer). */
export const useAnnounce = () => useContext(AnnounceContext);
