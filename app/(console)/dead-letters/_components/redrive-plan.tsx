"use client";

import { Button } from "@/app/_components/ui/button";
import type { RouterOutputs } from "@/server/api/root";

export type RedrivePlan = RouterOutputs["deadLetters"]["redrive"];
type Item = RedrivePlan["plan"][number];

/** A redrive's dry run (what goes where, what is skipped and why) with the button that sends it, or
 *  the result of the real run. */
export function RedrivePlanPanel({
  plan,
  pending,
  explanation,
  name,
  onSend,
  onClose,
}: {
  plan: RedrivePlan;
  pending: boolean;
  /** how this broker's redrive works, in a sentence or two */
  explanation: string;
  /** how a person names one item of the plan */
  name: (item: Item) => string;
  onSend: () => void;
  onClose: () => void;
}) {
  const going = plan.plan.filter((p) => !p.skipped);
  const skipped = plan.plan.filter((p) => p.skipped);
  const notes = [...new Set(going.map((p) => p.note).filter((n): n is string => !!n))];
  return (
    <div
      role="dialog"
      aria-label="Redrive plan"
      className="mb-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm"
      data-testid="redrive-plan"
    >
      {plan.dryRun ? (
        <>
          <p className="font-medium">
            Dry run: {going.length} message(s) would go back to {[...new Set(going.map((p) => p.targetTopic))].join(", ") || "nowhere"}
            {skipped.length ? `; ${skipped.length} skipped` : ""}.
          </p>
          <ul className="mt-1 list-inside list-disc text-xs text-amber-900">
            {skipped.map((p) => (
              <li key={name(p)}>
                {name(p)}: {p.skipped}
              </li>
            ))}
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-amber-900">{explanation}</p>
          <div className="mt-3 flex gap-2">
            <Button variant="danger" disabled={pending || !going.length} onClick={onSend}>
              Redrive now
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </div>
        </>
      ) : (
        <div data-testid="redrive-done">
          <p className="font-medium">
            Sent {plan.sent} message(s) back. {skipped.length ? `${skipped.length} skipped.` : ""}
            <Button variant="ghost" className="ml-2" onClick={onClose}>
              Close
            </Button>
          </p>
          {skipped.length ? (
            <ul className="mt-1 list-inside list-disc text-xs text-amber-900">
              {skipped.map((p) => (
                <li key={name(p)}>
                  {name(p)}: {p.skipped}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </div>
  );
}
