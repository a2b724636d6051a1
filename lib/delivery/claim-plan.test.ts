import { describe, expect, it } from "vitest";
import { planClaim, type ClaimInput } from "./claim-plan";

const now = new Date("2026-12-05T12:00:00Z");
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 1);
const input = (over: Partial<ClaimInput>): ClaimInput => ({
  limit: 10, perEndpoint: 4, slots: new Map(), now, manual: [], walk: [], due: (_id, max) => max, ...over,
});

describe("planClaim", () => {
  it("gives each walked endpoint its due rows up to its free slots, in walk order, until the limit", () => {
    const plan = planClaim(input({ limit: 6, walk: ["a", "b", "c"].map((id) => ({ id, pausedUntil: null })), slots: new Map([["a", 1]]) }));
    expect(plan.fair).toEqual([{ endpointId: "a", take: 1, probe: false }, { endpointId: "b", take: 4, probe: false }, { endpointId: "c", take: 1, probe: false }]);
    expect(plan.cursor).toBe("c");
  });

  it("explicit requests go first and use the limit and their endpoint's slots", () => {
    const manual = [{ id: "d1", endpointId: "a" }, { id: "d2", endpointId: "a" }, { id: "d3", endpointId: "b" }];
    const plan = planClaim(input({ limit: 4, manual, slots: new Map([["a", 1]]), walk: [{ id: "b", pausedUntil: null }, { id: "c", pausedUntil: null }] }));
    expect(plan.manual).toEqual(["d1", "d3"]);
    expect(plan.fair).toEqual([{ endpointId: "b", take: 2, probe: false }]); // b: 4 slots, 1 used, 2 left in the limit
  });

  it("only due rows count: an endpoint with none takes nothing and does not stop the walk", () => {
    const due = (id: string, max: number) => (id === "z" ? Math.min(1, max) : 0);
    const plan = planClaim(input({ limit: 2, due, walk: ["a", "b", "z"].map((id) => ({ id, pausedUntil: null })) }));
    expect(plan.fair).toEqual([{ endpointId: "z", take: 1, probe: false }]);
  });

  it("a paused endpoint gives nothing while cooling down, then exactly one probe", () => {
    const asked: string[] = [];
    const due = (id: string, max: number) => (asked.push(id), max);
    const plan = planClaim(input({ due, walk: [{ id: "cool", pausedUntil: later }, { id: "ready", pausedUntil: earlier }] }));
    expect(asked).toEqual(["ready"]);
    expect(plan.fair).toEqual([{ endpointId: "ready", take: 1, probe: true }]);
  });

  it("stops reading the walk once the budget is spoken for, and never takes more than due says", () => {
    let read = 0;
    function* walk() {
      for (const id of ["a", "b", "c", "d"]) {
        read++;
        yield { id, pausedUntil: null };
      }
    }
    const plan = planClaim(input({ limit: 5, walk: walk(), due: (_id, max) => Math.min(3, max) }));
    expect(plan.fair.map((f) => f.take)).toEqual([3, 2]);
    expect(read).toBe(2);
    expect(planClaim(input({ limit: 0, walk: [{ id: "a", pausedUntil: null }] }))).toEqual({ manual: [], fair: [], cursor: null });
  });
});
