import { z } from "zod";
import {
  createToken,
  CreateTokenInput,
  createUser,
  deleteUser,
  listTeams,
  listTokens,
  listUsers,
  resetPassword,
  revokeToken,
  updateUser,
  type CreateUserInput,
  type UpdateUserInput,
} from "@/server/domain/identity";
import { protectedProcedure, router } from "../trpc";

// Validated in the domain, so the form shows the domain's own messages.
const RawUser = z.custom<CreateUserInput>((v) => typeof v === "object" && v !== null);
const RawUserUpdate = z.custom<UpdateUserInput>((v) => typeof v === "object" && v !== null);
const Id = z.object({ id: z.string().uuid() });

export const identityRouter = router({
  users: protectedProcedure.query(({ ctx }) => listUsers(ctx.actor)),
  teams: protectedProcedure.query(() => listTeams()),
  createUser: protectedProcedure.input(RawUser).mutation(({ ctx, input }) => createUser(ctx.actor, input)),
  updateUser: protectedProcedure.input(RawUserUpdate).mutation(({ ctx, input }) => updateUser(ctx.actor, input)),
  deleteUser: protectedProcedure.input(Id).mutation(({ ctx, input }) => deleteUser(ctx.actor, input.id)),
  resetPassword: protectedProcedure
    .input(z.object({ id: z.string().uuid(), password: z.string().max(1024) }))
    .mutation(({ ctx, input }) => resetPassword(ctx.actor, input.id, input.password)),
  tokens: protectedProcedure.query(({ ctx }) => listTokens(ctx.actor)),
  createToken: protectedProcedure
    .input(z.custom<z.input<typeof CreateTokenInput>>((v) => typeof v === "object" && v !== null))
    .mutation(({ ctx, input }) => createToken(ctx.actor, input)),
  revokeToken: protectedProcedure.input(Id).mutation(({ ctx, input }) => revokeToken(ctx.actor, input.id)),
});
