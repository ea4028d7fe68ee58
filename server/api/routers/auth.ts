import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  authenticate,
  changeOwnPassword,
  oidcSettings,
  readCookie,
  SESSION_COOKIE,
  signIn,
  signOut,
  sourceIpOf,
} from "@/server/domain/identity";
import { sessionCookie } from "@/server/http/cookies";
import { protectedProcedure, publicProcedure, router } from "../trpc";

const Viewer = z
  .object({
    name: z.string(),
    kind: z.enum(["user", "token", "system", "anonymous"]),
    role: z.enum(["viewer", "editor", "admin"]),
    teams: z.array(z.string()),
    mustChangePassword: z.boolean(),
  })
  .nullable();

export const authRouter = router({
  /** Who the browser is, or null: the console shell decides between the app and the sign-in page. */
  me: publicProcedure.output(Viewer).query(async ({ ctx }) => {
    if (ctx.actor)
      return { name: ctx.actor.name, kind: ctx.actor.kind, role: ctx.actor.role, teams: ctx.actor.teams, mustChangePassword: false };
    if (!ctx.request) return null;
    const r = await authenticate(ctx.request, "read");
    if (!r.ok) return null;
    return { name: r.actor.name, kind: r.actor.kind, role: r.actor.role, teams: r.actor.teams, mustChangePassword: r.mustChangePassword };
  }),
  methods: publicProcedure.query(() => ({ oidc: oidcSettings() !== null })),
  signIn: publicProcedure
    .input(z.object({ username: z.string().max(200), password: z.string().max(1024) }))
    .output(z.object({ mustChangePassword: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      if (!ctx.request || !ctx.resHeaders) throw new TRPCError({ code: "BAD_REQUEST", message: "sign-in needs an HTTP request" });
      const h = ctx.request.headers;
      const session = await signIn(input.username, input.password, {
        sourceIp: sourceIpOf(h),
        userAgent: h.get("user-agent"),
        requestId: h.get("x-request-id"),
      });
      ctx.resHeaders.append("set-cookie", sessionCookie(ctx.request, session.secret, session.expiresAt));
      return { mustChangePassword: session.mustChangePassword };
    }),
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (!ctx.request || !ctx.resHeaders) return;
    const secret = readCookie(ctx.request.headers, SESSION_COOKIE);
    if (secret) await signOut(ctx.actor ?? null, secret);
    ctx.resHeaders.append("set-cookie", sessionCookie(ctx.request, "", new Date(0)));
  }),
  changePassword: protectedProcedure
    .input(z.object({ current: z.string().max(1024), next: z.string().max(1024) }))
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.actor, input.current, input.next, ctx.sessionId ?? undefined)),
});
