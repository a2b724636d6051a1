// The SQLite store thread's entry: compiles the TypeScript sources at run time (tsx, as `npm start` and
// `npm run worker` do), so the thread runs the same modules as the main thread, outside any bundle.
require("tsx/cjs/api").register();
require("./thread.ts");
