import { createContext, type ReactNode, useContext } from 'react';
import type { PorticoClient } from '../client.js';

const PorticoContext = createContext<PorticoClient | null>(null);

export interface PorticoProviderProps {
  client: PorticoClient;
  children?: ReactNode;
}

/** Makes a `PorticoClient` available to the hooks below it. Place it inside a `QueryClientProvider`. */
export function PorticoProvider({ client, children }: PorticoProviderProps) {
  return <PorticoContext.Provider value={client}>{children}</PorticoContext.Provider>;
}

/** The client from the nearest `PorticoProvider`. */
export function usePorticoClient(): PorticoClient {
  const client = useContext(PorticoContext);
  if (!client) throw new Error('usePorticoClient must be used inside <PorticoProvider client={...}>');
  return client;
}
