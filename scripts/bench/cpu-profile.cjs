// Preloaded by `BENCH_APP_PROFILE=<dir> npm run bench:app` (NODE_OPTIONS=--require, since Node refuses
// --cpu-prof there): profiles the server process (scripts/serve.ts) with the inspector and writes
// <dir>/serve-<pid>.cpuprofile when it exits (open it in Chrome DevTools or speedscope).
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

if (process.argv.some((arg) => arg.endsWith("serve.ts"))) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable", () => session.post("Profiler.start"));
  const write = () => {
    session.post("Profiler.stop", (error, result) => {
      if (!error) fs.writeFileSync(path.join(process.env.BENCH_APP_PROFILE, `serve-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on("exit", write); // inspector calls are synchronous in-thread, so this completes before exit
}
