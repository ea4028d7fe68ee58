import type { FormEvent, ReactNode } from "react";

/** The bordered card a create/edit form sits in: one look for clusters, rules and webhooks. */
export function FormCard({
  label,
  title,
  onSubmit,
  children,
}: {
  label: string;
  title: string;
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} aria-label={label} className="rounded-lg border border-indigo-200 bg-white p-5 shadow-sm">
      <h3 className="mb-4 font-semibold">{title}</h3>
      {children}
    </form>
  );
}
