-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "scoreColumn" TEXT;

