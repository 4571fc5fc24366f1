import { beforeAll, describe, expect, it } from "vitest";
import { createModelVersion } from "../src/registry";
import { createCampaign, listCampaigns } from "../src/safety";
import { createTestOrg, createTestSystem, expectStatus } from "./fixtures";

type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  org = await createTestOrg("redteam");
  other = await createTestOrg("redteam-other");
});

describe("red-team campaigns of a version", () => {
  it("lists a version's campaigns to its organisation, and reads as absent to any other", async () => {
    const system = await createTestSystem(org.scientist, { name: "Support assistant" });
    const version = await createModelVersion(org.scientist, system.id, { label: "v1", modelType: "llm", provider: "In-house" });
    const campaign = await createCampaign(org.scientist, version.id, { name: "Launch red team" });

    expect((await listCampaigns(org.auditor, { modelVersionId: version.id })).map((c) => c.id)).toEqual([campaign.id]);
    expect((await listCampaigns(org.auditor)).map((c) => c.id)).toEqual([campaign.id]);
    // Another organisation's version is a 404, like a wrong id, not a version without campaigns.
    await expectStatus(listCampaigns(other.admin, { modelVersionId: version.id }), 404);
    await expectStatus(listCampaigns(org.auditor, { modelVersionId: "no-such-version" }), 404);
    expect(await listCampaigns(other.admin)).toEqual([]);
  });
});
