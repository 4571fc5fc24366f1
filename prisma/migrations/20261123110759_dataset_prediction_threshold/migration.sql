-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "threshold" DOUBLE PRECISION,
ALTER COLUMN "predictionColumn" DROP NOT NULL;

