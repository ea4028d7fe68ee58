import { z } from "zod";
import { ROLES } from "./actor";

export const Username = z
  .string()
  .trim()
  .min(2, "username: at least 2 characters")
  .max(100, "username: at most 100 characters")
  .regex(/^[A-Za-z0-9._@-]+$/, "username: letters, digits, . _ @ - only");
export const TeamName = z
  .string()
  .trim()
  .min(1)
  .max(100, "team: at most 100 characters")
  .regex(/^[A-Za-z0-9._-]+$/, "team: letters, digits, . _ - only");

export const CreateUserInput = z.object({
  username: Username,
  displayName: z.string().trim().max(200).default(""),
  email: z.string().trim().email().max(320).optional().or(z.literal("").transform(() => undefined)),
  password: z.string().min(1).max(1024),
  role: z.enum(ROLES),
  teams: z.array(TeamName).max(50).default([]),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  id: z.string().uuid(),
  displayName: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  teams: z.array(TeamName).max(50).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.input<typeof UpdateUserInput>;

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: (typeof ROLES)[number];
  teams: string[];
  source: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
}
