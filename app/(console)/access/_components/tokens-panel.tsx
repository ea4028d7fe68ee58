"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fmtAgo } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import { TokenForm } from "./token-form";

/** API tokens: the secret is shown once, right after creation; the list shows use and expiry. */
export function TokensPanel({ role, teams }: { role: "viewer" | "editor" | "admin"; teams: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.identity.tokens.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const revoke = useMutation(
    trpc.identity.revokeToken.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.identity.tokens.queryFilter()) }),
  );
  return (
    <section aria-labelledby="tokens-title" className="space-y-4">
      <div className="flex items-center justify-between">
        <h2 id="tokens-title" className="text-lg font-semibold">
          API tokens
        </h2>
        {!creating ? (
          <Button variant="primary" onClick={() => (setCreating(true), setCreated(null))}>
            New token
          </Button>
        ) : null}
      </div>
      {created ? (
        <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm" data-testid="token-secret">
          <p className="font-medium text-emerald-900">Token {created.name} created. Copy its secret now: it is not shown again.</p>
          <code className="mt-2 block select-all break-all rounded bg-white px-2 py-1 font-mono text-xs">{created.secret}</code>
          <p className="mt-2 text-emerald-900">
            Serializers: <code>basic.auth.user.info={created.name}:&lt;secret&gt;</code>. OTLP:{" "}
            <code>OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20&lt;secret&gt;</code>. Prometheus:{" "}
            <code>
              authorization: {"{"} credentials: &lt;secret&gt; {"}"}
            </code>
            .
          </p>
        </div>
      ) : null}
      {creating ? (
        <TokenForm
          role={role}
          teams={teams}
          onCancel={() => setCreating(false)}
          onCreated={(t) => {
            setCreated(t);
            setCreating(false);
            void queryClient.invalidateQueries(trpc.identity.tokens.queryFilter());
          }}
        />
      ) : null}
      <ErrorNote error={tokens.error ?? revoke.error} />
      {tokens.isPending ? (
        <LoadingRows label="Loading tokens" />
      ) : !tokens.data?.length ? (
        <EmptyState title="No API tokens">A token lets a serializer, an OpenTelemetry exporter, Prometheus or a script in.</EmptyState>
      ) : (
        <Table
          head={["Name", "Role", "Team", "Scopes", "Created", "Last used", "Expires", ""].map((h) => (
            <Th key={h}>{h}</Th>
          ))}
        >
          {tokens.data.map((t) => (
            <tr key={t.id} className={t.revokedAt ? "text-slate-400" : ""}>
              <td className="px-4 py-2 font-mono">{t.name}</td>
              <td className="px-4 py-2">{t.role}</td>
              <td className="px-4 py-2">{t.team ?? "—"}</td>
              <td className="px-4 py-2 text-xs">{t.scopes.join(", ")}</td>
              <td className="px-4 py-2 text-slate-500" title={new Date(t.createdAt).toISOString()}>
                {fmtAgo(t.createdAt)} by {t.createdBy}
              </td>
              <td className="px-4 py-2 text-slate-500">{t.lastUsedAt ? fmtAgo(t.lastUsedAt) : "never"}</td>
              <td className="px-4 py-2 text-slate-500">
                {t.revokedAt ? "revoked" : t.expiresAt ? new Date(t.expiresAt).toISOString().slice(0, 10) : "never"}
              </td>
              <td className="px-4 py-2 text-right">
                {!t.revokedAt ? (
                  <Button
                    variant="ghost"
                    onClick={() => confirm(`Revoke ${t.name}? Clients using it are refused at once.`) && revoke.mutate({ id: t.id })}
                  >
                    Revoke
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
