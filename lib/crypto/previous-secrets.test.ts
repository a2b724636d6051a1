import { describe, expect, it } from "vitest";
import { activePreviousSecrets, afterRotation, MAX_PREVIOUS_SECRETS, parsePreviousSecrets, encodePreviousSecrets } from "./previous-secrets";

const at = (iso: string) => new Date(iso);

describe("previous secrets", () => {
  it("a second rotation keeps the first replaced secret until its own overlap ends", () => {
    const now = at("2026-12-02T10:00:00Z");
    const s0 = { ciphertext: "s0", expiresAt: at("2026-12-03T09:00:00Z") };
    const s1 = { ciphertext: "s1", expiresAt: at("2026-12-03T10:00:00Z") };
    const kept = afterRotation([s0], s1, now);
    expect(kept.map((s) => s.ciphertext)).toEqual(["s1", "s0"]);
    expect(activePreviousSecrets(kept, at("2026-12-03T09:30:00Z")).map((s) => s.ciphertext)).toEqual(["s1"]);
  });

  it(`keeps at most ${MAX_PREVIOUS_SECRETS}, dropping the oldest, and drops expired ones`, () => {
    const now = at("2026-12-02T10:00:00Z");
    let list = [{ ciphertext: "expired", expiresAt: at("2026-12-02T09:59:59Z") }];
    for (let i = 0; i < 7; i++) list = afterRotation(list, { ciphertext: `s${i}`, expiresAt: new Date(now.getTime() + 86_400_000 + i) }, now);
    expect(list.map((s) => s.ciphertext)).toEqual(["s6", "s5", "s4", "s3", "s2"]);
  });

  it("round-trips through the column, and reads the migration's shape", () => {
    const list = [{ ciphertext: "v1:abc", expiresAt: at("2026-12-03T10:00:00.000Z") }];
    expect(parsePreviousSecrets(encodePreviousSecrets(list))).toEqual(list);
    expect(parsePreviousSecrets([{ ciphertext: "x", expiresAt: "2026-12-03T10:00:00.000+00:00" }])).toEqual([{ ciphertext: "x", expiresAt: at("2026-12-03T10:00:00Z") }]);
    expect(parsePreviousSecrets(null)).toEqual([]);
    expect(encodePreviousSecrets([])).toBeNull();
  });
});
