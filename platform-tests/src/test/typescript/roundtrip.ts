// A round trip through the TypeScript clients that openapi-generator (typescript-fetch) made from the three services'
// OpenAPI documents, as an integrator's script would use them. IntegratorToolsTest compiles it with the generated
// clients (tsc, strict) and runs it with node against a running platform; any failed expectation exits non-zero.
import * as customers from "../../../target/generated-clients/typescript/customer";
import * as scoring from "../../../target/generated-clients/typescript/scoring";
import * as team from "../../../target/generated-clients/typescript/team";

const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
};

function expect(condition: boolean, what: string): void {
    if (!condition) throw new Error(`expected ${what}`);
    console.log(`ok: ${what}`);
}

/** The problem+json answer of a call that must fail with {@code status}. */
async function problemOf(status: number, call: () => Promise<unknown>): Promise<any> {
    try {
        await call();
    } catch (error) {
        if (error instanceof customers.ResponseError || error instanceof scoring.ResponseError || error instanceof team.ResponseError) {
            expect(error.response.status === status, `status ${status}, got ${error.response.status}`);
            expect(error.response.headers.get("content-type") === "application/problem+json", "a problem+json answer");
            return error.response.json();
        }
        throw error;
    }
    throw new Error(`expected status ${status}, the call succeeded`);
}

async function main(): Promise<void> {
    const run = env("KAM_RUN_ID");
    const crm = { accessToken: env("KAM_CRM_TOKEN") };
    const salesOps = { accessToken: env("KAM_SALES_OPS_TOKEN") };

    // customer-service: create, upsert by the CRM's id, read, list, and a 400 naming the field at fault
    const customerApi = new customers.CustomersApi(new customers.Configuration({ basePath: env("KAM_CUSTOMER_URL"), ...crm }));
    const created = await customerApi.createCustomer({
        customerRequest: { legalName: `TypeScript Client ${run} GmbH`, headquartersCountry: "DE",
            externalRefs: [{ system: "ts-client", id: `created-${run}` }] },
        idempotencyKey: `ts-create-${run}`,
    });
    expect(created.id !== undefined && created.legalName === `TypeScript Client ${run} GmbH`, "createCustomer returns the new customer");
    const upserted = await customerApi.upsertCustomerByExternalRef({
        system: "ts-client", externalId: `upserted-${run}`,
        customerRequest: { legalName: `TypeScript Upsert ${run} AG`, headquartersCountry: "AT",
            relationshipSince: new Date("2015-04-01") },
    });
    expect(upserted.externalRefs?.some(ref => ref.id === `upserted-${run}`) === true, "upsertCustomerByExternalRef registers the reference");
    const again = await customerApi.upsertCustomerByExternalRef({
        system: "ts-client", externalId: `upserted-${run}`,
        customerRequest: { legalName: `TypeScript Upsert ${run} AG`, headquartersCountry: "CH" },
    });
    expect(again.id === upserted.id && again.headquartersCountry === "CH", "a second upsert replaces the same customer");
    const read = await customerApi.getCustomer({ id: created.id! });
    expect(read.createdAt instanceof Date && read.externalRefs?.[0]?.system === "ts-client", "getCustomer reads it back, dates as Dates");
    const page = await customerApi.listCustomers({ country: "CH", limit: 50 });
    expect(page.items?.some(item => item.id === upserted.id) === true, "listCustomers finds it");
    const invalid = await problemOf(400, () => customerApi.createCustomer({
        customerRequest: { legalName: "Nowhere Ltd", headquartersCountry: "Germany" } }));
    expect(invalid.violations?.some((violation: any) => violation.field === "headquartersCountry") === true,
        "the problem names headquartersCountry");

    // scoring-service: read the score once it is there, list, create a draft model, upsert and remove an override, a 404
    const scoresApi = new scoring.ScoresApi(new scoring.Configuration({ basePath: env("KAM_SCORING_URL"), ...salesOps }));
    let score: scoring.ScoreView | undefined;
    for (let attempt = 0; attempt < 120 && score === undefined; attempt++) {
        try {
            score = await scoresApi.getScore({ customerId: created.id! });
        } catch (error) {
            if (!(error instanceof scoring.ResponseError) || error.response.status !== 404) throw error;
            await new Promise(resolve => setTimeout(resolve, 500));
        }
    }
    expect(score?.customerId === created.id && typeof score?.score === "number", "getScore reads the customer's score");
    const keyAccounts = await scoresApi.listKeyAccounts({ limit: 10 });
    expect(Array.isArray(keyAccounts.items), "listKeyAccounts answers a page");
    const overridden = await scoresApi.setOverride({ customerId: created.id!, overrideRequest: {
        tier: scoring.Tier.KeyAccount, reason: "TypeScript client round trip", expiresAt: new Date(Date.now() + 7 * 86_400_000) } });
    expect(overridden.tier === "KEY_ACCOUNT", "setOverride stores the override");
    await scoresApi.removeOverride({ customerId: created.id! });
    const unknown = await problemOf(404, () => scoresApi.getScore({ customerId: "00000000-0000-4000-8000-000000000000" }));
    expect(unknown.status === 404, "the 404 is a problem with its status");
    const modelsApi = new scoring.ScoringModelsApi(new scoring.Configuration({ basePath: env("KAM_SCORING_URL"), ...salesOps }));
    const active = (await modelsApi.listScoringModels()).find(model => model.status === "ACTIVE");
    const draft = await modelsApi.createScoringModel({ modelRequest: { description: `draft ${run}`, definition: active!.definition! } });
    expect(draft.status === "DRAFT" && draft.version! > active!.version!, "createScoringModel stores a draft");

    // team-coordination-service: upsert a staff member, list staff, a 400 naming the field at fault
    const staffApi = new team.StaffApi(new team.Configuration({ basePath: env("KAM_TEAM_URL"), ...crm }));
    const staff = await staffApi.putStaffMember({ employeeId: `ts-${run}`, staffRequest: {
        name: "Tess Script", _function: team.StaffFunction.Service, regions: new Set(["DE-SOUTH"]), capacity: 3 } });
    expect(staff.employeeId === `ts-${run}`, "putStaffMember stores the staff member");
    const service = await staffApi.listStaff({ _function: team.StaffFunction.Service, limit: 500 });
    expect(service.items?.some(member => member.employeeId === `ts-${run}`) === true, "listStaff finds them");
    const badCapacity = await problemOf(400, () => staffApi.putStaffMember({ employeeId: `ts-bad-${run}`, staffRequest: {
        name: "Bad Capacity", _function: team.StaffFunction.Service, capacity: -1 } }));
    expect(badCapacity.violations?.some((violation: any) => violation.field === "capacity") === true, "the problem names capacity");
    console.log("round trip complete");
}

main().catch(error => {
    console.error(`round trip failed: ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
});
