// `npm run build`: type-check and build the dashboard (into ZONELINE_DIST_DIR, default .next),
// stamped with its sources so that `npm start` knows it is current.
import { BuildError, buildDashboard, distDirFromEnv } from "./lib/build.ts";

try {
  buildDashboard({ distDir: distDirFromEnv(), log: (message) => console.log(`[zoneline] ${message}`) });
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  console.error(`[zoneline] ${error.message}`);
  process.exit(1);
}
