// What the delivery benches drive, loaded only once tempDatabase() and loadLocalEnv() have set the env
// (these modules read it when first used): the same functions the API and the server use.
export async function loadEngine() {
  const [{ db }, { sqlite }, { signUp }, { createEndpoint }, { publishEvent }, { DeliveryWorker }] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/db/sqlite"),
    import("@/lib/merchants/signup"),
    import("@/lib/webhooks/create-endpoint"),
    import("@/lib/events/publish"),
    import("@/lib/delivery/worker"),
  ]);
  return { db, sqlite, signUp, createEndpoint, publishEvent, DeliveryWorker };
}
