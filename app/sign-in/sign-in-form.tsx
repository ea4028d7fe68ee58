"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/ui/button";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";

export function SignInForm({
  next,
  oidc,
  mustChange,
  initialError,
}: {
  next: string;
  oidc: boolean;
  mustChange: boolean;
  initialError: string | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [changing, setChanging] = useState(mustChange);
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (r) => (r.mustChangePassword ? setChanging(true) : router.replace(next)),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ username, password });
  };
  if (changing) return <ChangePassword current={password} onDone={() => router.replace(next)} />;
  return (
    <form onSubmit={submit} aria-label="Sign in" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      {initialError ? <ErrorNote error={{ message: initialError }} /> : null}
      <label className="mt-2 block text-sm">
        Username
        <input className={fieldClass} autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} required />
      </label>
      <label className="mt-3 block text-sm">
        Password
        <input
          className={fieldClass}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <div className="mt-4 space-y-3">
        <ErrorNote error={signIn.error} />
        <Button type="submit" variant="primary" className="w-full" disabled={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </Button>
        {oidc ? (
          <a
            href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}
            className="block rounded-md border border-slate-300 px-3 py-1.5 text-center text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Sign in with single sign-on
          </a>
        ) : null}
      </div>
      <p className="mt-4 text-xs text-slate-500">
        First start? The password of the user <code>admin</code> was printed by <code>npm start</code> and written to{" "}
        <code>.data/admin-password</code>.
      </p>
    </form>
  );
}

/** Also the Access page's password form: current + new (twice). */
export function ChangePassword({ current: initial, onDone }: { current: string; onDone: () => void }) {
  const trpc = useTRPC();
  const [current, setCurrent] = useState(initial);
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(trpc.auth.changePassword.mutationOptions({ onSuccess: onDone }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== again);
    if (next === again) change.mutate({ current, next });
  };
  return (
    <form onSubmit={submit} aria-label="Change password" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" id="password">
      <h2 className="mb-1 text-lg font-semibold">Choose a new password</h2>
      <p className="mb-3 text-sm text-slate-500">At least 10 characters. Your other sessions are signed out.</p>
      {initial ? null : (
        <label className="block text-sm">
          Current password
          <input className={fieldClass} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </label>
      )}
      <label className="mt-3 block text-sm">
        New password
        <input className={fieldClass} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={10} />
      </label>
      <label className="mt-3 block text-sm">
        New password, again
        <input className={fieldClass} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
      </label>
      <div className="mt-4 space-y-3">
        <ErrorNote error={mismatch ? { message: "The two new passwords differ" } : change.error} />
        <Button type="submit" variant="primary" disabled={change.isPending}>
          {change.isPending ? "Saving…" : "Save password"}
        </Button>
      </div>
    </form>
  );
}
