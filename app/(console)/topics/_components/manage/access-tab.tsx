"use client";

// Who may do what on this topic, as the cluster's ACLs say (read only); a principal opens everything
// it may do on the cluster and the quotas that can apply to it. The cluster's client quotas follow.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { ClientQuotas } from "./client-quotas";

type Row = RouterOutputs["topics"]["acls"]["acls"][number];

function AclTable({ rows, onPrincipal, showResource }: { rows: Row[]; onPrincipal?: (p: string) => void; showResource?: boolean }) {
  return (
    <Table
      head={
        <>
          <Th>Principal</Th>
          {showResource ? <Th>Resource</Th> : null}
          <Th>Pattern</Th>
          <Th>Operation</Th>
          <Th>Permission</Th>
          <Th>Host</Th>
        </>
      }
    >
      {rows.map((a, i) => (
        <tr key={`${a.principal}-${a.resourceName}-${a.operation}-${a.permission}-${i}`} data-testid="acl-row">
          <td className="px-4 py-1.5 font-mono text-xs">
            {onPrincipal ? (
              <button type="button" className="text-indigo-700 hover:underline" onClick={() => onPrincipal(a.principal)}>
                {a.principal}
              </button>
            ) : (
              a.principal
            )}
          </td>
          {showResource ? (
            <td className="px-4 py-1.5 font-mono text-xs">
              {a.resourceType.toLowerCase()} {a.resourceName}
            </td>
          ) : null}
          <td className="px-4 py-1.5 text-xs">
            {a.pattern === "LITERAL" && a.resourceName === "*" ? "every topic" : `${a.pattern.toLowerCase()} ${a.resourceName}`}
          </td>
          <td className="px-4 py-1.5 text-xs">{a.operation}</td>
          <td className={`px-4 py-1.5 text-xs font-medium ${a.permission === "DENY" ? "text-rose-700" : "text-emerald-700"}`}>
            {a.permission}
          </td>
          <td className="px-4 py-1.5 font-mono text-xs">{a.host}</td>
        </tr>
      ))}
    </Table>
  );
}

export function AccessTab({ topicId, clusterId }: { topicId: string; clusterId: string }) {
  const trpc = useTRPC();
  const acls = useQuery(trpc.topics.acls.queryOptions({ topicId }));
  const [principal, setPrincipal] = useState<string | null>(null);
  const ofPrincipal = useQuery({
    ...trpc.topics.principalAcls.queryOptions({ clusterId, principal: principal ?? "User:x" }),
    enabled: !!principal,
  });
  return (
    <div className="space-y-6">
      <section aria-label="ACLs" className="space-y-3">
        <h3 className="font-semibold">ACLs</h3>
        {acls.isPending ? (
          <LoadingRows label="Reading the cluster's ACLs" />
        ) : acls.error ? (
          <ErrorNote error={acls.error} />
        ) : !acls.data.enabled ? (
          <EmptyState title="No authorizer on this cluster">
            Kafka enforces no ACLs here: every client that can connect may read, write and administer every topic.
          </EmptyState>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              The cluster&apos;s ACL entries that apply to this topic (literal, prefixed and wildcard), read only. Open a principal to see
              everything it may do and the quotas that can apply to it.
            </p>
            {acls.data.acls.length ? (
              <AclTable rows={acls.data.acls} onPrincipal={setPrincipal} />
            ) : (
              <EmptyState title="No ACL names this topic">
                With no entry for a resource, the cluster&apos;s default decides (allow.everyone.if.no.acl.found).
              </EmptyState>
            )}
          </>
        )}
      </section>
      {principal ? (
        <section aria-label={`Everything ${principal} may do`} className="space-y-2">
          <h3 className="font-semibold">
            Everything <span className="font-mono">{principal}</span> may do on this cluster
          </h3>
          {ofPrincipal.isPending ? (
            <LoadingRows rows={2} />
          ) : ofPrincipal.data ? (
            <AclTable rows={ofPrincipal.data.acls} showResource />
          ) : (
            <ErrorNote error={ofPrincipal.error} />
          )}
          {principal.startsWith("User:") ? (
            <>
              <h4 className="pt-2 text-sm font-semibold">Quotas that can apply to it</h4>
              <ClientQuotas clusterId={clusterId} principal={principal} />
            </>
          ) : null}
        </section>
      ) : null}
      <section aria-label="Client quotas" className="space-y-2">
        <h3 className="font-semibold">Client quotas of the cluster</h3>
        <p className="text-sm text-slate-600">
          Read only. Kafka applies the most specific entry that matches a connection (user and client id, then user, then client id).
        </p>
        <ClientQuotas clusterId={clusterId} />
      </section>
    </div>
  );
}
