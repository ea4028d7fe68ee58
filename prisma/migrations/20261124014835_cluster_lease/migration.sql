-- CreateTable
CREATE TABLE "ClusterLease" (
    "clusterId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClusterLease_pkey" PRIMARY KEY ("clusterId")
);

-- AddForeignKey
ALTER TABLE "ClusterLease" ADD CONSTRAINT "ClusterLease_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
