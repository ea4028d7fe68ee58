"use client";

// The whole policy as code (YAML): schema rules with their severities, envelope fields, naming, the
// topic rules. The same text GET /api/policy serves and PUT /api/policy takes, so a team can keep it
// in a repository. Admins edit; each save is a new version, audited; a bad document says where.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useViewer } from "@/app/_components/use-viewer";
import { useTRPC } from "@/app/_trpc/react";

const CodeEditor = dynamic(() => import("@/app/_components/code-editor").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <LoadingRows rows={4} label="Loading the editor" />,
});

export function PolicyCode() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useViewer();
  const current = useQuery(trpc.policies.yaml.queryOptions());
  const [text, setText] = useState<string | null>(null);
  // A new version (saved here, by the topic form or through the API) replaces the text shown.
  const version = current.data?.version;
  const served = current.data?.text;
  useEffect(() => {
    if (served !== undefined) setText(served);
  }, [version, served]);
  const save = useMutation(
    trpc.policies.setYaml.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.policies.pathKey() }),
    }),
  );
  const changed = current.data && text !== null && text !== current.data.text;
  return (
    <section aria-labelledby="policy-code-h" className="mt-10 space-y-3">
      <div>
        <h2 id="policy-code-h" className="text-lg font-semibold">
          Policy as code
        </h2>
        <p className="text-sm text-slate-600">
          Schema rules have a severity: <b>error</b> refuses a registration (console and Confluent REST API), <b>warning</b> is reported by
          the check before registering and by <code className="text-xs">POST /api/policy/check</code>, <b>off</b> is not checked. The same
          YAML is served at <code className="text-xs">GET /api/policy</code> and taken by <code className="text-xs">PUT /api/policy</code>.
        </p>
      </div>
      {current.isPending || text === null ? (
        <LoadingRows rows={6} label="Reading the policy" />
      ) : current.error ? (
        <ErrorNote error={current.error} />
      ) : (
        <form
          aria-label="Policy as code"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ text });
          }}
        >
          <CodeEditor
            value={text}
            onChange={isAdmin ? setText : undefined}
            readOnly={!isAdmin}
            language="yaml"
            label="Policy YAML"
            minHeight="16rem"
          />
          <ErrorNote error={save.error} />
          {isAdmin ? (
            <div className="flex items-center gap-3">
              <Button type="submit" variant="primary" disabled={save.isPending || !changed}>
                Save as a new version
              </Button>
              {changed ? (
                <Button type="button" onClick={() => setText(current.data.text)}>
                  Discard changes
                </Button>
              ) : null}
              {save.isSuccess ? <span className="text-sm text-emerald-700">Saved as version {save.data.version}.</span> : null}
            </div>
          ) : (
            <p className="text-xs text-slate-500">Only admins change the policy.</p>
          )}
        </form>
      )}
    </section>
  );
}
