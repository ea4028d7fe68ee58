import { systemHealth } from "@/server/domain/topics";
import { publicProcedure, router } from "../trpc";

export const systemRouter = router({
  health: publicProcedure.query(() => systemHealth()),
});
