import { listGroups, ListGroupsInput } from "@/server/domain/consumers";
import { publicProcedure, router } from "../trpc";

export const consumersRouter = router({
  list: publicProcedure.input(ListGroupsInput).query(({ input }) => listGroups(input)),
});
