"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_trpc/react";

/** The subjects of this topic by TopicNameStrategy (`<topic>-key`, `<topic>-value`). */
export function TopicSchemas({ topic }: { topic: string }) {
  const trpc = useTRPC();
  const subjects = useQuery(trpc.schemas.forTopic.queryOptions({ topic }));
  return (
    <section aria-label="Schemas" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-700">Schemas</h2>
      {subjects.data?.length ? (
        <ul className="mt-2 space-y-1 text-sm">
          {subjects.data.map((s) => (
            <li key={s.subject} className="flex items-center justify-between gap-2">
              <Link href={`/schemas/${encodeURIComponent(s.subject)}`} className="text-indigo-700 hover:underline">
                {s.role}: {s.subject}
              </Link>
              <span className="text-xs text-slate-500">
                {s.type} v{s.latestVersion} · id {s.id}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-500">
          {subjects.isPending ? "Loading…" : `No subject named ${topic}-key or ${topic}-value is registered.`}
        </p>
      )}
    </section>
  );
}
