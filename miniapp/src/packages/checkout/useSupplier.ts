import { useEffect, useState } from 'react';
import { tierStatus } from '@shared/contracts/tier-badge';
import { callContract } from '../../services/cloud';

/**
 * The first-tier dealer this checkout's order goes to, when the caller is a second-tier dealer of
 * one that sells on (tier.status: sub_dealer); null otherwise, and while asking or when asking fails
 * (the submit is routed by the server either way: this only says so on the page). Asked once there
 * is something to check out (`enabled`).
 */
export function useSupplier(enabled: boolean): { name: string } | null {
  const [supplier, setSupplier] = useState<{ name: string } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    void callContract('tier', 'status', tierStatus, {}).then((r) => {
      if (r.ok && r.data.role === 'sub_dealer' && r.data.supplier) setSupplier({ name: r.data.supplier.name });
    });
  }, [enabled]);
  return supplier;
}
