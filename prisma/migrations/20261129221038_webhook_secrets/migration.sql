-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "headerNames" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "headersEnc" TEXT,
ADD COLUMN     "urlEnc" TEXT;
