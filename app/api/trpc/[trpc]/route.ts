import { handleTrpc } from "@/server/http/trpc";

export { handleTrpc as GET, handleTrpc as POST };
