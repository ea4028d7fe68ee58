"use client";

import { useState } from "react";
import { ChangePassword } from "@/app/sign-in/sign-in-form";

export function AccountPanel() {
  const [saved, setSaved] = useState(0);
  return (
    <section aria-labelledby="account-title" className="max-w-md">
      <h2 id="account-title" className="mb-3 text-lg font-semibold">
        Your password
      </h2>
      {saved ? <p className="mb-3 text-sm text-emerald-700">Password changed; your other sessions were signed out.</p> : null}
      <ChangePassword key={saved} current="" onDone={() => setSaved((n) => n + 1)} />
    </section>
  );
}
