import { z } from "zod";
import { getGroup, listGroups, ListGroupsInput } from "@/server/domain/consumers";
import { publicProcedure, router } from "../trpc";

export const consumersRouter = router({
  list: publicProcedure.input(ListGroupsInput).query(({ input }) => listGroups(input)),
  get: publicProcedure.input(z.object({ id: z.string().uuid() })).query(({ input }) => getGroup(input.id)),
});
