"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CodeEditor, languageOf } from "@/app/_components/code-editor";
import { Button } from "@/app/_components/ui/button";
import { ImpactList } from "@/app/_components/impact-list";
import { ErrorNote } from "@/app/_components/ui/states";
import { useDebounced } from "@/app/_components/use-debounced";
import { useTRPC } from "@/app/_trpc/react";
import { PolicyFindings } from "./policy-findings";
import { VerdictPanel } from "./verdict-panel";
import { LEVELS } from "./levels";

const TYPES = ["AVRO", "JSON", "PROTOBUF"] as const;
type Type = (typeof TYPES)[number];

const STARTERS: Record<Type, string> = {
  AVRO: JSON.stringify(
    {
      type: "record",
      name: "OrderPlaced",
      namespace: "com.example.events",
      fields: [
        { name: "event_id", type: "string" },
        { name: "order_id", type: "string" },
      ],
    },
    null,
    2,
  ),
  JSON: JSON.stringify(
    {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { event_id: { type: "string" } },
      required: ["event_id"],
    },
    null,
    2,
  ),
  PROTOBUF: 'syntax = "proto3";\npackage com.example.events;\n\nmessage OrderPlaced {\n  string event_id = 1;\n  string order_id = 2;\n}\n',
};

/**
 * Registers a schema: a new subject (subject, type and level are chosen here) or a new version of
 * an existing one. The text is checked as you type, against the subject's level, and the reasons
 * show before anything is submitted.
 */
export function RegisterForm({
  subject: fixedSubject,
  type: fixedType,
  level: subjectLevel,
  initial,
}: {
  subject?: string;
  type?: Type;
  level?: string;
  initial?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(fixedSubject ?? "");
  const [type, setType] = useState<Type>(fixedType ?? "AVRO");
  const [level, setLevel] = useState<(typeof LEVELS)[number]>("BACKWARD");
  const [text, setText] = useState(initial ?? STARTERS[fixedType ?? "AVRO"]);
  const debouncedText = useDebounced(text, 400);
  const checkSubject = fixedSubject ?? (subject.trim() || "__new_subject__");
  const check = useQuery({
    ...trpc.schemas.check.queryOptions({
      subject: checkSubject,
      schema: debouncedText,
      schemaType: type,
      ...(fixedSubject ? {} : { level }),
    }),
    enabled: debouncedText.trim().length > 0,
    placeholderData: (previous) => previous,
  });
  const register = useMutation(
    trpc.schemas.register.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.schemas.pathKey() });
        router.push(`/schemas/${encodeURIComponent(result.subject)}?tab=versions&registered=${result.version}`);
      },
    }),
  );
  const shownLevel = fixedSubject ? (subjectLevel ?? "BACKWARD") : level;
  const policyErrors = check.data?.valid ? check.data.policy.filter((f) => f.severity === "error") : [];
  const blocked =
    !subject.trim() ||
    !text.trim() ||
    (check.data && !check.data.valid) ||
    (check.data?.valid && !check.data.compatible) ||
    policyErrors.length > 0;

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocked) register.mutate({ subject: subject.trim(), schema: text, schemaType: type, ...(fixedSubject ? {} : { level }) });
      }}
    >
      {fixedSubject ? null : (
        <div className="grid gap-4 sm:grid-cols-3">
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Subject</span>
            <input
              required
              autoFocus
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              placeholder="orders-value"
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5"
            />
            <span className="mt-1 block text-xs text-slate-500">
              <code>&lt;topic&gt;-value</code> or <code>&lt;topic&gt;-key</code> links it to its topic.
            </span>
          </label>
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Type</span>
            <select
              value={type}
              onChange={(e) => {
                const next = e.target.value as Type;
                if (text === STARTERS[type]) setText(STARTERS[next]);
                setType(next);
              }}
              className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
            >
              {TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Compatibility level</span>
            <select
              value={level}
              onChange={(e) => setLevel(e.target.value as (typeof LEVELS)[number])}
              className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
            >
              {LEVELS.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <CodeEditor label="Schema text" value={text} onChange={setText} language={languageOf(type)} minHeight="20rem" />
        <div className="space-y-3">
          <h3 className="text-sm font-semibold text-slate-700">Compatibility check</h3>
          <VerdictPanel check={check.data} checking={check.isFetching} level={shownLevel} />
          <ErrorNote error={check.error} />
          <h3 className="pt-2 text-sm font-semibold text-slate-700">Policy</h3>
          <PolicyFindings findings={check.data?.valid ? check.data.policy : undefined} />
          {fixedSubject && check.data?.valid && !check.data.compatible ? (
            // Who would read records written with this schema: the consumers of the subject's topic.
            <ImpactList kind="subject" name={fixedSubject} title="Consumers of this subject's topic" maxDepth={2} />
          ) : null}
        </div>
      </div>
      <ErrorNote error={register.error} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={Boolean(blocked) || register.isPending}>
          {register.isPending ? "Registering…" : fixedSubject ? "Register new version" : "Register subject"}
        </Button>
        {blocked && check.data?.valid && !check.data.compatible ? (
          <span className="text-sm text-amber-700">Fix the reasons above (or change the level) to register.</span>
        ) : policyErrors.length ? (
          <span className="text-sm text-rose-700">The policy refuses this schema: fix its errors to register.</span>
        ) : null}
      </div>
    </form>
  );
}
