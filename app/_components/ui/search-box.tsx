"use client";

import { useEffect, useRef, useState } from "react";
import { useDebounced } from "../use-debounced";

/** A search field bound to the URL's `q`: typing updates the URL after a pause and resets the page; a `q` changed elsewhere shows in the box. */
export function SearchBox({
  label,
  placeholder,
  params,
  set,
}: {
  label: string;
  placeholder: string;
  params: URLSearchParams;
  set: (patch: Record<string, string | undefined>) => void;
}) {
  const urlQ = params.get("q") ?? "";
  const [search, setSearch] = useState(urlQ);
  const debounced = useDebounced(search);
  // What this box last wrote to (or read from) the URL: tells typing apart from a change made
  // elsewhere (a link, a "Clear" or "Focus here" button), which the box must then show.
  const synced = useRef(urlQ);
  useEffect(() => {
    if (debounced === synced.current) return;
    synced.current = debounced;
    if (debounced !== urlQ) set({ q: debounced, page: undefined });
  }, [debounced, urlQ, set]);
  useEffect(() => {
    if (urlQ === synced.current) return;
    synced.current = urlQ;
    setSearch(urlQ);
  }, [urlQ]);
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={search}
      onChange={(e) => setSearch(e.target.value)}
      className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
    />
  );
}
