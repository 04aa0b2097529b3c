-- AlterEnum
ALTER TYPE "PathStatus" ADD VALUE 'withdrawn';
