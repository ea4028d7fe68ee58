"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * Page state kept in the URL, so a filtered list can be reloaded, bookmarked and shared.
 * `shallow`: change the address without asking the server to render the page again — for a page whose
 * server part reads the parameters only for its first view (the lineage page prefetches that view;
 * re-rendering it on every click would compute the whole graph again).
 */
export function useQueryState(opts: { shallow?: boolean } = {}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (patch: Record<string, string | number | boolean | undefined | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === null || v === "" || v === false) next.delete(k);
        else next.set(k, String(v));
      }
      const qs = next.toString();
      const url = qs ? `${pathname}?${qs}` : pathname;
      // Next keeps useSearchParams in step with the history API.
      if (opts.shallow) window.history.replaceState(null, "", url);
      else router.replace(url, { scroll: false });
    },
    [params, pathname, router, opts.shallow],
  );
  return { params, set };
}
